/** The citizen's side in a browser: the demo government page with the widget opened by keyboard, as a citizen would. */
import type { Frame, Page } from 'playwright-core'

/** Opens the widget on the hub's demo page and resolves with its frame once the chat is connected. */
export async function openWidget(page: Page, hubUrl: string): Promise<Frame> {
  await page.goto(`${hubUrl}/`)
  // The launcher is the page's first focusable element and opens on Enter.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  // The frame lives in a closed shadow root, so it is found by URL.
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/widget/frame.html'))
    if (frame && (await frame.evaluate(() => window.__switchboardWidget?.state() ?? 'missing')) === 'ready') return frame
    await page.waitForTimeout(50)
  }
  throw new Error('the widget never became ready')
}
