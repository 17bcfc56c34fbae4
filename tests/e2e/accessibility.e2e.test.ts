/**
 * WCAG 2.1 A/AA checks (axe-core) on every screen citizens and agents use, in both languages,
 * in real Chromium against the real hub.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wcagViolations } from '../support/axe.js'
import { launchChromium } from '../support/browser.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { openWidget } from '../support/widget-page.js'

let hub: TestHub
let browser: Browser
let agent: { email: string; password: string }

beforeAll(async () => {
  hub = await startTestHub()
  agent = await hub.createUser('agent', ['general'])
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
  for (const locale of ['zh-CN', 'en-US']) {
    it(`the demo page and the open widget with a conversation have no violations (${locale})`, async () => {
      const page = await (await browser.newContext({ locale })).newPage()
      const widget = await openWidget(page, hub.url)
      const input = widget.locator('#sb-input')
      await input.fill(locale === 'zh-CN' ? '请问办理居住证需要什么材料？' : 'What do I need for a residence permit?')
      await input.press('Enter')
      await widget.locator('.message.own .bubble').first().waitFor()
      expect(await wcagViolations(page)).toEqual([])
      expect(await wcagViolations(widget)).toEqual([])
    })

    it(`the inbox sign-in screen and the workspace with a conversation open have no violations (${locale})`, async () => {
      const page = await (await browser.newContext({ locale })).newPage()
      await page.goto(`${hub.url}/inbox/`)
      await page.getByTestId('login-email').waitFor()
      expect(await wcagViolations(page)).toEqual([])
      await page.getByTestId('login-email').fill(agent.email)
      await page.getByTestId('login-password').fill(agent.password)
      await page.getByTestId('login-submit').click()
      await page.getByTestId('conversation-row').first().click()
      await page.locator('[data-testid="message"]').first().waitFor()
      expect(await wcagViolations(page)).toEqual([])
    })
  }
})
