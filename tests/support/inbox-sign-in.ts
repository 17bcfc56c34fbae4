/** Opens the inbox in a fresh browser context and signs in; resolves once the role's first screen is on screen. */
import type { Browser, Page } from 'playwright-core'

/** `ready`: a test id of that screen (the conversation list for hotline staff, the work-order list for department staff). */
export async function signInToInbox(
  browser: Browser,
  hubUrl: string,
  user: { email: string; password: string },
  locale = 'en-US',
  ready = 'conversation-list',
): Promise<Page> {
  const context = await browser.newContext({ locale })
  const page = await context.newPage()
  await page.goto(`${hubUrl}/inbox/`)
  await page.getByTestId('login-email').fill(user.email)
  await page.getByTestId('login-password').fill(user.password)
  await page.getByTestId('login-submit').click()
  // Attached, not visible: an empty list has no height.
  await page.getByTestId(ready).waitFor({ state: 'attached' })
  return page
}
