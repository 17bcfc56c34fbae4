/**
 * The Settings view in a real browser: an admin switches a queue to manual pick and lowers an
 * agent's chat capacity, then adds a canned response that the agent inserts with "/" in the
 * composer; a supervisor sees only the canned responses; on a narrow screen the contact panel
 * opens from the conversation header as a drawer (Escape closes it and focus returns). Every
 * screen passes the axe WCAG 2.1 AA check. Real hub, FerretDB, Redis, Chromium.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wcagViolations } from '../support/axe.js'
import { launchChromium } from '../support/browser.js'
import { signInToInbox } from '../support/inbox-sign-in.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

type Staff = { id: string; email: string; password: string; name: string }

let hub: TestHub
let browser: Browser
let agent: Staff
let supervisor: Staff
const visitors: Visitor[] = []
const admin = { email: 'admin@test.local', password: 'admin-password-123' }

beforeAll(async () => {
  hub = await startTestHub()
  agent = await hub.createUser('agent', ['general'])
  supervisor = await hub.createUser('supervisor', ['general'])
  browser = await launchChromium()
})
afterAll(async () => {
  for (const visitor of visitors) visitor.socket.close()
  await browser?.close()
  await hub?.stop()
})

const signIn = (user: { email: string; password: string }): Promise<Page> => signInToInbox(browser, hub.url, user)

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null)

describe('settings, in Chromium', () => {
  it('edits a queue, a user and a canned response that an agent then uses; the contact panel opens as a drawer on narrow screens', async () => {
    const inbox = await signIn(admin)
    await inbox.getByTestId('nav-settings').click()
    const settings = inbox.getByTestId('settings-view')
    await settings.waitFor()
    expect(await focusedTestId(inbox)).toBe('settings-heading')

    // 1. Queues: General goes from least busy to manual pick, never reassigned.
    const general = settings.locator('[data-testid="queue-settings-row"][data-queue="general"]')
    await general.waitFor()
    expect(await general.getByTestId('queue-assignment').textContent()).toBe('Least busy')
    expect(await wcagViolations(inbox)).toEqual([])
    await general.getByRole('button', { name: 'Edit queue General' }).click()
    const queueDialog = inbox.getByRole('dialog', { name: 'Edit queue General' })
    await queueDialog.waitFor()
    await queueDialog.getByLabel('Assignment').selectOption('manual')
    // A mistake is explained in the dialog, not sent.
    await queueDialog.getByLabel('Reassign if unanswered after (minutes)').fill('2000')
    await queueDialog.getByTestId('queue-save').click()
    expect(await queueDialog.getByRole('alert').textContent()).toBe('Enter a whole number of minutes from 0 to 1440.')
    await queueDialog.getByLabel('Reassign if unanswered after (minutes)').fill('0')
    expect(await wcagViolations(inbox)).toEqual([])
    await queueDialog.getByTestId('queue-save').click()
    await queueDialog.waitFor({ state: 'detached' })
    await general.getByTestId('queue-assignment').filter({ hasText: 'Manual pick' }).waitFor()
    expect(await general.textContent()).toContain('Never')
    await settings.getByTestId('queue-settings-status').filter({ hasText: 'Queue General saved.' }).waitFor({ state: 'attached' })
    // Focus is back on the button that opened the dialog.
    expect(await focusedTestId(inbox)).toBe('queue-edit')

    // 2. Users, reached with the arrow key like any tab list: the agent carries at most 2 chats.
    await settings.getByTestId('settings-tab-queues').focus()
    await inbox.keyboard.press('ArrowRight')
    expect(await settings.getByTestId('settings-tab-users').getAttribute('aria-selected')).toBe('true')
    expect(await focusedTestId(inbox)).toBe('settings-tab-users')
    const agentRow = settings.locator(`[data-testid="user-settings-row"][data-user="${agent.id}"]`)
    await agentRow.waitFor()
    await agentRow.getByRole('button', { name: `Edit ${agent.name}` }).click()
    const userDialog = inbox.getByRole('dialog', { name: `Routing of ${agent.name}` })
    await userDialog.waitFor()
    expect(await userDialog.getByRole('checkbox', { name: 'General' }).isChecked()).toBe(true)
    await userDialog.getByLabel('Chats').fill('2')
    expect(await wcagViolations(inbox)).toEqual([])
    await userDialog.getByTestId('user-save').click()
    await userDialog.waitFor({ state: 'detached' })
    await agentRow.getByTestId('user-capacity').filter({ hasText: 'Chats 2 · Calls 1 · Emails 5' }).waitFor()
    expect(await wcagViolations(inbox)).toEqual([])

    // The hub has both changes.
    const token = await hub.login(admin.email, admin.password)
    const { queues } = (await (await hub.api('/api/admin/queues', { token })).json()) as {
      queues: { id: string; assignment: string; reassignAfterMinutes: number }[]
    }
    expect(queues.find((queue) => queue.id === 'general')).toMatchObject({ assignment: 'manual', reassignAfterMinutes: 0 })
    const { users } = (await (await hub.api('/api/admin/users', { token })).json()) as { users: { id: string; capacity: { chat: number } }[] }
    expect(users.find((user) => user.id === agent.id)?.capacity.chat).toBe(2)

    // 3. Canned responses: a new one, after an incomplete first try.
    await settings.getByTestId('settings-tab-canned').click()
    await settings.getByTestId('canned-empty').waitFor()
    await settings.getByTestId('canned-new').click()
    const cannedDialog = inbox.getByRole('dialog', { name: 'New canned response' })
    await cannedDialog.waitFor()
    await cannedDialog.getByLabel('Shortcut').fill('/hours')
    await cannedDialog.getByTestId('canned-save').click()
    expect(await cannedDialog.getByRole('alert').textContent()).toBe('Give a title of at most 100 characters.')
    await cannedDialog.getByLabel('Title').fill('Opening hours')
    await cannedDialog.getByLabel('Text').fill('{{contact.name}}您好，市民服务中心的办理时间是工作日 9:00–17:00。')
    expect(await wcagViolations(inbox)).toEqual([])
    await cannedDialog.getByTestId('canned-save').click()
    await cannedDialog.waitFor({ state: 'detached' })
    await settings.locator('[data-testid="canned-row"][data-shortcut="hours"]').waitFor()
    expect(await wcagViolations(inbox)).toEqual([])

    // A supervisor's Settings has the canned responses only, without tabs; an agent has no Settings.
    const board = await signIn(supervisor)
    await board.getByTestId('nav-settings').click()
    await board.locator('[data-testid="canned-row"][data-shortcut="hours"]').waitFor()
    expect(await board.getByRole('tablist').count()).toBe(0)
    expect(await board.getByTestId('queue-settings').count()).toBe(0)
    expect(await wcagViolations(board)).toEqual([])

    // 4. The agent inserts it with "/" in a citizen's conversation (General is manual now: they pick it).
    const visitor = await connectVisitor(hub)
    visitors.push(visitor)
    await visitor.say('请问办事大厅几点下班')
    const desk = await signIn(agent)
    expect(await desk.getByTestId('nav-settings').count()).toBe(0)
    const row = desk.getByTestId('conversation-row').filter({ hasText: '几点下班' })
    await row.waitFor()
    expect(await row.textContent()).not.toContain(agent.name)
    await row.click()
    const reply = desk.getByTestId('reply-input')
    await reply.click()
    await reply.pressSequentially('/hou')
    await desk.getByTestId('composer-suggestion').filter({ hasText: 'Opening hours' }).waitFor()
    await reply.press('Enter')
    await expect.poll(() => reply.inputValue()).toContain('市民服务中心的办理时间是工作日 9:00–17:00。')
    expect(await reply.inputValue()).not.toContain('{{')

    // The admin removes it again, after confirming; the list says so.
    await settings.getByRole('button', { name: 'Delete /hours' }).click()
    const deleteDialog = inbox.getByRole('dialog', { name: 'Delete canned response /hours?' })
    await deleteDialog.waitFor()
    expect(await focusedTestId(inbox)).not.toBe('canned-delete-confirm')
    await deleteDialog.getByTestId('canned-delete-confirm').click()
    await deleteDialog.waitFor({ state: 'detached' })
    await settings.getByTestId('canned-empty').waitFor()
    await settings.getByTestId('canned-settings-status').filter({ hasText: 'Canned response /hours deleted.' }).waitFor({ state: 'attached' })

    // 5. Narrow screen: the contact panel is behind a toggle in the header, opened as a drawer.
    const panel = desk.getByTestId('contact-panel')
    const toggle = desk.getByTestId('contact-toggle')
    expect(await panel.isVisible()).toBe(true)
    expect(await toggle.isVisible()).toBe(false)
    await desk.setViewportSize({ width: 900, height: 760 })
    await panel.waitFor({ state: 'hidden' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    await panel.waitFor({ state: 'visible' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await desk.evaluate(() => document.activeElement?.id)).toBe('contact-heading')
    await panel.getByTestId('contact-history-item').first().waitFor()
    expect(await wcagViolations(desk)).toEqual([])
    await desk.keyboard.press('Escape')
    await panel.waitFor({ state: 'hidden' })
    expect(await focusedTestId(desk)).toBe('contact-toggle')
    // The Close button does the same.
    await toggle.click()
    await panel.getByTestId('contact-close').click()
    await panel.waitFor({ state: 'hidden' })
    expect(await focusedTestId(desk)).toBe('contact-toggle')
    // Back on a wide screen the panel sits beside the conversation again.
    await desk.setViewportSize({ width: 1280, height: 760 })
    await panel.waitFor({ state: 'visible' })
    expect(await toggle.isVisible()).toBe(false)
  })
})
