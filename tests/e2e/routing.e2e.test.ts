/**
 * Routing in a real browser: agent A's inbox goes online on its own and receives a citizen's chat
 * automatically; A transfers it with a note to agent B (another browser), whose inbox shows it
 * live with the note and the transfer event; a supervisor watches the wallboard. The transfer
 * dialog and the wallboard pass the axe WCAG 2.1 AA check. Real hub, FerretDB, Redis, Chromium.
 */
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wcagViolations } from '../support/axe.js'
import { launchChromium } from '../support/browser.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'

type Staff = { id: string; email: string; password: string; name: string }

let hub: TestHub
let browser: Browser
let agentA: Staff
let agentB: Staff
let supervisor: Staff

beforeAll(async () => {
  hub = await startTestHub()
  agentA = await hub.createUser('agent', ['general'])
  agentB = await hub.createUser('agent', ['general'])
  supervisor = await hub.createUser('supervisor', ['general', 'housing'])
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale })
  return context.newPage()
}

/** Signs in and waits until the hub has heard the inbox's first presence beat (online by default). */
async function signIn(user: Staff, locale = 'en-US'): Promise<Page> {
  const page = await newPage(locale)
  await page.goto(`${hub.url}/inbox/`)
  await page.getByTestId('login-email').fill(user.email)
  await page.getByTestId('login-password').fill(user.password)
  const presenceSent = page.waitForResponse((response) => response.url().endsWith('/api/me/presence') && response.ok())
  await page.getByTestId('login-submit').click()
  await presenceSent
  return page
}

/** The widget's iframe lives in a closed shadow root, so it is found by URL. */
async function widgetFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/widget/frame.html'))
    if (frame) return frame
    await page.waitForTimeout(50)
  }
  throw new Error('the widget frame never appeared')
}

async function citizenWrites(text: string): Promise<void> {
  const page = await newPage('zh-CN')
  await page.goto(`${hub.url}/`)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  const frame = await widgetFrame(page)
  const input = frame.locator('#sb-input')
  await input.waitFor()
  await input.fill(text)
  await input.press('Enter')
  await frame.locator('.message.own .bubble', { hasText: text }).waitFor()
}

describe('automatic assignment, transfer and the wallboard, in Chromium', () => {
  it('assigns to the online agent, transfers to a colleague live with a note, and shows the wallboard', async () => {
    // 1. Agent A opens the inbox: online by default, so routing gives them the next chat.
    const inboxA = await signIn(agentA)
    expect(await inboxA.getByTestId('presence-select').inputValue()).toBe('online')
    await citizenWrites('楼道的灯坏了一个星期了')

    const rowA = inboxA.getByTestId('conversation-row').filter({ hasText: '楼道' })
    await rowA.filter({ hasText: agentA.name }).waitFor()
    await rowA.click()
    await inboxA.locator('[data-testid="message"][data-event="conversation.assigned"]', { hasText: 'Assigned automatically' }).waitFor()

    // 2. Agent B opens the inbox afterwards (so routing had only A) and watches their own conversations.
    const inboxB = await signIn(agentB, 'zh-CN')
    await inboxB.getByTestId('inbox-view-mine').click()
    await expect.poll(() => inboxB.getByTestId('conversation-row').count()).toBe(0)

    // 3. `?` lists the shortcuts; Escape closes the dialog.
    await inboxA.locator('body').focus()
    await inboxA.keyboard.press('?')
    await inboxA.getByTestId('shortcuts-dialog').waitFor()
    await inboxA.keyboard.press('Escape')
    await inboxA.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' })

    // 4. `t` opens the transfer dialog: labelled, focus inside, B listed as online; it passes axe.
    await inboxA.keyboard.press('t')
    const dialog = inboxA.getByRole('dialog', { name: /Transfer the conversation/ })
    await dialog.waitFor()
    const agentOption = dialog.locator(`[data-testid="transfer-agent"] option[value="${agentB.id}"]`)
    await agentOption.waitFor({ state: 'attached' })
    expect(await agentOption.textContent()).toBe(`${agentB.name} (Online)`)
    expect(await inboxA.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true)
    expect(await wcagViolations(inboxA)).toEqual([])

    // Submitting without a target is explained, not sent.
    await dialog.getByTestId('transfer-submit').click()
    expect(await dialog.getByTestId('transfer-error').textContent()).toBe('Choose who or where to transfer the conversation to.')

    await dialog.getByTestId('transfer-agent').selectOption(agentB.id)
    const note = 'Citizen reported a broken stairwell light; please arrange the repair.'
    await dialog.getByTestId('transfer-note').fill(note)
    await dialog.getByTestId('transfer-submit').click()
    await dialog.waitFor({ state: 'detached' })
    await inboxA.getByTestId('transfer-status').filter({ hasText: 'Conversation transferred.' }).waitFor({ state: 'attached' })

    // 5. B's list gains the conversation live; it shows A's note and the transfer, worded in Chinese.
    const rowB = inboxB.getByTestId('conversation-row').filter({ hasText: '楼道' })
    await rowB.waitFor()
    await rowB.click()
    await inboxB.locator('[data-testid="message"]', { hasText: note }).waitFor()
    await inboxB.locator('[data-testid="message"][data-event="conversation.transferred"]', { hasText: `${agentA.name} 将会话转派给 ${agentB.name}` }).waitFor()

    // 6. The supervisor's wallboard: both agents of the queue online, and it passes axe.
    const board = await signIn(supervisor)
    await board.getByTestId('nav-wallboard').click()
    const agents = board.locator('[data-testid="wallboard-agents"][data-queue="general"]')
    await agents.locator(`tr[data-agent="${agentB.id}"][data-presence="online"]`).waitFor()
    expect(await agents.locator(`tr[data-agent="${agentB.id}"]`).textContent()).toContain('1 of')
    await board.locator('[data-testid="wallboard-queues"] tr[data-queue="general"]').waitFor()
    expect(await wcagViolations(board)).toEqual([])

    // An agent has no wallboard to switch to.
    expect(await inboxB.getByTestId('nav-wallboard').count()).toBe(0)
  })
})
