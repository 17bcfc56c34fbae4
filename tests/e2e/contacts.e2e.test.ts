/**
 * The contact panel in a real browser: two citizens chat from the widget (two contacts); a
 * supervisor opens one conversation, merges the other contact in from the contact panel (search,
 * choose, confirm), and the panel then lists both conversations; Undo splits them again. The
 * contact panel and the merge dialog pass the axe WCAG 2.1 AA check. Real hub, FerretDB, Redis, Chromium.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wcagViolations } from '../support/axe.js'
import { launchChromium } from '../support/browser.js'
import { signInToInbox } from '../support/inbox-sign-in.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

let hub: TestHub
let browser: Browser
let supervisor: { email: string; password: string; name: string }
const visitors: Visitor[] = []

beforeAll(async () => {
  hub = await startTestHub()
  supervisor = await hub.createUser('supervisor', ['general'])
  browser = await launchChromium()
})
afterAll(async () => {
  for (const visitor of visitors) visitor.socket.close()
  await browser?.close()
  await hub?.stop()
})

const signIn = (user: { email: string; password: string }): Promise<Page> => signInToInbox(browser, hub.url, user)

describe('contact history and merging, in Chromium', () => {
  it('merges the other contact in from the contact panel and shows the combined history', async () => {
    // Two citizens, two contacts: one asks about a streetlight in the web chat, the other about a water leak.
    const first = await connectVisitor(hub)
    const second = await connectVisitor(hub)
    visitors.push(first, second)
    const lamp = await first.say('小区门口的路灯坏了，晚上很黑')
    const leak = await second.say('楼上邻居家漏水，天花板在滴水')
    expect(lamp.conversationId).not.toBe(leak.conversationId)

    const inbox = await signIn(supervisor)
    await inbox.getByTestId('conversation-row').filter({ hasText: '路灯' }).click()
    const panel = inbox.getByTestId('contact-panel')
    const history = panel.getByTestId('contact-history-item')
    await history.first().waitFor()
    expect(await history.count()).toBe(1)
    expect(await history.first().getAttribute('data-conversation-id')).toBe(lamp.conversationId)
    expect(await wcagViolations(inbox)).toEqual([])

    // Merge: search the other citizen's words, choose their contact, confirm.
    await panel.getByTestId('merge-open').click()
    const dialog = inbox.getByRole('dialog', { name: /Merge another contact into/ })
    await dialog.waitFor()
    await dialog.getByTestId('merge-search').fill('漏水')
    const candidate = dialog.getByTestId('merge-candidate')
    await candidate.first().waitFor()
    expect(await candidate.count()).toBe(1)
    expect(await dialog.getByTestId('merge-search-status').textContent()).toBe('Contacts found: 1')
    expect(await wcagViolations(inbox)).toEqual([])

    // Continuing without a choice is explained.
    await dialog.getByTestId('merge-next').click()
    expect(await dialog.getByTestId('merge-error').textContent()).toBe('Choose the contact to merge in.')
    await candidate.first().locator('input').check()
    await dialog.getByTestId('merge-next').click()
    await dialog.getByTestId('merge-confirm-text').waitFor()
    expect(await wcagViolations(inbox)).toEqual([])
    await dialog.getByTestId('merge-confirm').click()
    await dialog.waitFor({ state: 'detached' })

    // The panel now lists both conversations, newest first, and offers Undo.
    await panel.getByTestId('merge-undo').waitFor()
    await expect.poll(() => history.count()).toBe(2)
    const ids = await history.evaluateAll((items) => items.map((item) => item.getAttribute('data-conversation-id')))
    expect(new Set(ids)).toEqual(new Set([lamp.conversationId, leak.conversationId]))
    expect(await panel.getByTestId('merge-status').textContent()).toContain('conversations moved: 1')
    expect(await wcagViolations(inbox)).toEqual([])

    // A history entry opens its conversation.
    await panel.locator(`[data-testid="contact-history-item"][data-conversation-id="${leak.conversationId}"]`).click()
    await inbox.locator('[data-testid="message"]', { hasText: '天花板在滴水' }).waitFor()
    await inbox.waitForURL(`**/inbox/c/${leak.conversationId}`)

    // Back to the first conversation: its panel, loaded afresh, still shows the combined history.
    await inbox.goBack()
    await inbox.locator('[data-testid="message"]', { hasText: '晚上很黑' }).waitFor()
    await expect.poll(() => inbox.getByTestId('contact-panel').getByTestId('contact-history-item').count()).toBe(2)
  })

  it('undoes a merge right after it', async () => {
    const first = await connectVisitor(hub)
    const second = await connectVisitor(hub)
    visitors.push(first, second)
    const noise = await first.say('工地夜间施工噪音扰民')
    const permit = await second.say('想咨询营业执照办理流程')

    const inbox = await signIn(supervisor)
    await inbox.getByTestId('conversation-row').filter({ hasText: '噪音' }).click()
    const panel = inbox.getByTestId('contact-panel')
    await panel.getByTestId('contact-history-item').first().waitFor()
    await panel.getByTestId('merge-open').click()
    const dialog = inbox.getByTestId('merge-dialog')
    await dialog.getByTestId('merge-search').fill('营业执照')
    await dialog.getByTestId('merge-candidate').first().locator('input').check()
    await dialog.getByTestId('merge-next').click()
    await dialog.getByTestId('merge-confirm').click()
    await expect.poll(() => panel.getByTestId('contact-history-item').count()).toBe(2)

    await panel.getByTestId('merge-undo').click()
    await panel.getByTestId('merge-status').filter({ hasText: 'Merge undone' }).waitFor()
    await expect.poll(() => panel.getByTestId('contact-history-item').count()).toBe(1)
    expect(await panel.getByTestId('contact-history-item').first().getAttribute('data-conversation-id')).toBe(noise.conversationId)
    expect(permit.conversationId).not.toBe(noise.conversationId)
  })
})
