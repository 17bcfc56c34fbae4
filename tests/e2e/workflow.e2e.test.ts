/**
 * The agent's working tools in a real browser: views by queue name with unread counts, search with
 * "no results", labels in the conversation header, a canned response with its variables filled in,
 * an @mention in a private note that notifies the colleague, a toast for a new assignment, and snooze
 * with the time picker. Real hub, FerretDB, Redis, Chromium.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wcagViolations } from '../support/axe.js'
import { launchChromium } from '../support/browser.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

type Staff = { id: string; email: string; password: string; name: string }

let hub: TestHub
let browser: Browser
let agent: Staff
let colleague: Staff
let supervisor: Staff
const visitors: Visitor[] = []

beforeAll(async () => {
  // General answers within 3 s (around the clock), so the first reply's target breaches during the test.
  const sla = { firstResponseMinutes: { normal: 0.05 }, resolutionMinutes: { normal: 600 }, clock: 'calendar' as const, atRiskPercent: 50 }
  hub = await startTestHub({ config: { ...testConfig, queues: testConfig.queues.map((queue) => (queue.id === 'general' ? { ...queue, sla } : queue)) } })
  agent = await hub.createUser('agent', ['general'])
  colleague = await hub.createUser('agent', ['general'])
  supervisor = await hub.createUser('supervisor', ['general', 'housing'])
  browser = await launchChromium()
})
afterAll(async () => {
  for (const visitor of visitors) visitor.socket.close()
  await browser?.close()
  await hub?.stop()
})

/** Signs in and waits for the first presence beat (online: routing may assign to this user). */
async function signIn(user: Staff, presence: 'online' | 'away' = 'online'): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  if (presence === 'away') await page.addInitScript(() => localStorage.setItem('switchboard.inbox.presence', 'away'))
  await page.goto(`${hub.url}/inbox/`)
  await page.getByTestId('login-email').fill(user.email)
  await page.getByTestId('login-password').fill(user.password)
  const beat = page.waitForResponse((response) => response.url().endsWith('/api/me/presence') && response.ok())
  await page.getByTestId('login-submit').click()
  await beat
  return page
}

describe('views, search, labels, canned responses, mentions and snooze, in Chromium', () => {
  it('works a conversation end to end with the new tools', async () => {
    const token = await hub.login(supervisor.email, supervisor.password)
    const created = await hub.api('/api/canned-responses', {
      method: 'POST',
      token,
      json: { shortcut: 'hello', title: 'Greeting', body: '{{contact.name}}您好，我是{{agent.name}}，会话编号 {{conversation.id}}。' },
    })
    expect(created.status).toBe(201)

    // The colleague is away (gets no chats) but watches for mentions; the agent is online and gets the chat.
    const other = await signIn(colleague, 'away')
    const inbox = await signIn(agent)
    const visitor = await connectVisitor(hub)
    visitors.push(visitor)
    const asked = await visitor.say('请问住房公积金怎么提取')

    // A toast announces the assignment; the nav shows queue names and an unread count on Mine.
    await inbox.locator('[data-testid="notice"][data-kind="assigned"]').waitFor()
    expect(await inbox.getByTestId('inbox-view-queue:general').textContent()).toContain('General')
    expect(await inbox.getByTestId('inbox-view-all').count()).toBe(0)
    await inbox.getByTestId('inbox-view-mine').click()
    await inbox.getByTestId('inbox-view-mine').getByTestId('view-count').waitFor({ timeout: 15_000 })

    // Search: nothing for unknown words, said in words; the citizen's words find the conversation.
    await inbox.getByTestId('conversation-search').fill('不存在的内容')
    await inbox.getByTestId('list-empty').filter({ hasText: 'No conversations found for “不存在的内容”.' }).waitFor()
    await inbox.getByTestId('conversation-search').fill('公积金')
    const row = inbox.getByTestId('conversation-row').filter({ hasText: '公积金' })
    await row.waitFor()
    await row.click()
    await inbox.locator('[data-testid="message"]', { hasText: '怎么提取' }).waitFor()

    // SLA: the first reply is overdue, in words (and a symbol) in the header and the row.
    const firstReply = inbox.locator('.conversation-header [data-testid="sla-badge"][data-target="firstResponse"]')
    await firstReply.and(inbox.locator('[data-state="breached"]')).waitFor({ timeout: 15_000 })
    expect(await firstReply.textContent()).toMatch(/^✕ First reply: breached, due /)
    await row.locator('[data-testid="sla-badge"][data-state="breached"]').waitFor()

    // Labels: added and removed from the header; the row shows it too.
    await inbox.getByTestId('label-add-input').fill('公积金')
    await inbox.getByTestId('label-add').click()
    await inbox.getByTestId('label-chip').filter({ hasText: '公积金' }).waitFor()
    await row.getByTestId('conversation-label').filter({ hasText: '公积金' }).waitFor()
    await inbox.getByRole('button', { name: 'Remove label 公积金' }).click()
    await inbox.getByTestId('label-chip').waitFor({ state: 'detached' })

    // The picker button opens the same list; Escape closes it and leaves focus in the reply box.
    const reply = inbox.getByTestId('reply-input')
    await inbox.getByTestId('canned-open').click()
    await inbox.getByTestId('composer-suggestion').filter({ hasText: 'Greeting' }).waitFor()
    await reply.press('Escape')
    await inbox.getByTestId('composer-suggestions').waitFor({ state: 'detached' })
    expect(await reply.evaluate((element) => element === document.activeElement)).toBe(true)
    await reply.fill('')

    // A canned response: "/hel", Enter, variables filled in.
    await reply.click()
    await reply.pressSequentially('/hel')
    await inbox.getByTestId('composer-suggestion').filter({ hasText: 'Greeting' }).waitFor()
    expect(await wcagViolations(inbox)).toEqual([])
    await reply.press('Enter')
    await expect.poll(() => reply.inputValue()).toContain(`我是${agent.name}，会话编号 ${asked.conversationId}。`)
    expect(await reply.inputValue()).not.toContain('{{')
    await inbox.getByTestId('reply-send').click()
    // The reply itself, not the timeline event that also names the agent ("Assigned automatically to …").
    await inbox.locator('[data-testid="message"][data-direction="outbound"]:not([data-event])', { hasText: `我是${agent.name}` }).waitFor()
    await firstReply.and(inbox.locator('[data-state="missed"]')).waitFor()

    // A private note mentioning the colleague: picked from the suggestions, and they get a toast.
    await inbox.getByTestId('private-toggle').check()
    await reply.click()
    await reply.pressSequentially(`@${colleague.name.slice(0, 8)}`)
    await inbox.getByTestId('composer-suggestion').filter({ hasText: colleague.name }).waitFor()
    await reply.press('Enter')
    await reply.pressSequentially('please check the 公积金 rules')
    expect(await reply.inputValue()).toBe(`@${colleague.name} please check the 公积金 rules`)
    await inbox.getByTestId('reply-send').click()
    await other.locator('[data-testid="notice"][data-kind="mention"]', { hasText: `${agent.name} mentioned you` }).waitFor()

    // Snooze for an hour with the picker.
    await inbox.getByTestId('snooze').click()
    const dialog = inbox.getByTestId('snooze-dialog')
    await dialog.waitFor()
    await dialog.getByTestId('snooze-custom').check()
    await dialog.getByTestId('snooze-custom-input').waitFor()
    expect(await wcagViolations(inbox)).toEqual([])
    await dialog.getByTestId('snooze-oneHour').check()
    await dialog.getByTestId('snooze-submit').click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => inbox.getByTestId('status-select').inputValue()).toBe('snoozed')
  })
})
