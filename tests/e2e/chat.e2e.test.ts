/**
 * The whole product path in a real browser: a citizen on the demo government page
 * opens the widget and chats; an agent signs in to the inbox and answers. Both sides
 * lose their network in the middle of the conversation and must resume by themselves
 * with every message shown exactly once. Real hub, real FerretDB + Redis, Debian's Chromium.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageDto } from '../../server/presenters/dto.js'
import { controlSockets, launchChromium, type SocketOutage } from '../support/browser.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'

let hub: TestHub
let browser: Browser
let agent: { email: string; password: string; name: string }
const contexts: BrowserContext[] = []

beforeAll(async () => {
  hub = await startTestHub()
  agent = await hub.createUser('agent', ['general'])
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

async function newContext(locale: string, socketPattern: RegExp): Promise<{ page: Page; network: SocketOutage }> {
  const context = await browser.newContext({ locale })
  contexts.push(context)
  const network = await controlSockets(context, socketPattern)
  return { page: await context.newPage(), network }
}

/** The widget's iframe lives in a closed shadow root, so it is found by URL, as a user's browser sees it. */
async function widgetFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/widget/frame.html'))
    if (frame) return frame
    await page.waitForTimeout(50)
  }
  throw new Error('the widget frame never appeared')
}

async function openWidget(page: Page): Promise<Frame> {
  await page.goto(`${hub.url}/`)
  // Keyboard only: the launcher is the page's first focusable element and opens on Enter.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  const frame = await widgetFrame(page)
  await waitForWidgetState(frame, (state) => state === 'ready')
  return frame
}

async function waitForWidgetState(frame: Frame, accept: (state: string) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const state = await frame.evaluate(() => window.__switchboardWidget?.state() ?? 'missing')
    if (accept(state)) return
    await frame.page().waitForTimeout(50)
  }
  throw new Error('the widget did not reach the expected connection state')
}

async function citizenSays(frame: Frame, text: string): Promise<void> {
  const input = frame.locator('#sb-input')
  await input.fill(text)
  await input.press('Enter')
  await frame.locator('.message.own .bubble', { hasText: text }).waitFor()
}

async function agentSays(inbox: Page, text: string): Promise<void> {
  await inbox.getByTestId('reply-input').fill(text)
  await inbox.getByTestId('reply-send').click()
  await inbox.locator('[data-testid="message"][data-direction="outbound"]', { hasText: text }).waitFor()
}

/** Waits until `text` is shown, then checks it is shown exactly once. */
async function shownOnce(locator: Locator): Promise<number> {
  await locator.first().waitFor()
  return locator.count()
}

async function storedMessages(token: string, conversationId: string): Promise<MessageDto[]> {
  const response = await hub.api(`/api/conversations/${conversationId}/messages?after=0`, { token })
  expect(response.status).toBe(200)
  return ((await response.json()) as { messages: MessageDto[] }).messages
}

describe('citizen on the demo page ↔ agent in the inbox, in Chromium', () => {
  it('chats in real time and resumes after each side loses its connection, with nothing lost or doubled', async () => {
    // 1. The citizen opens the widget on the government page and writes.
    const citizen = await newContext('zh-CN', /\/ws\/widget/)
    const widget = await openWidget(citizen.page)
    expect(await widget.locator('html').getAttribute('lang')).toBe('zh-CN')
    await citizenSays(widget, '我家门口的路灯坏了，已经三天了')

    // 2. The agent signs in, finds the conversation in the live list and answers.
    const staff = await newContext('en-US', /\/ws\/inbox/)
    const inbox = staff.page
    await inbox.goto(`${hub.url}/inbox/`)
    await inbox.getByTestId('login-email').fill(agent.email)
    await inbox.getByTestId('login-password').fill(agent.password)
    await inbox.getByTestId('login-submit').click()
    const row = inbox.getByTestId('conversation-row').filter({ hasText: '路灯' })
    await row.click()
    const conversationId = await row.getAttribute('data-conversation-id')
    if (!conversationId) throw new Error('the conversation row has no id')
    await inbox.locator('[data-testid="message"][data-seq="1"][data-direction="inbound"]', { hasText: '路灯' }).waitFor()

    await agentSays(inbox, 'Thank you for reporting it. Which street is it on?')
    await widget.locator('.message.theirs .bubble', { hasText: 'Which street is it on?' }).waitFor()
    expect(await widget.locator('.message.theirs .sender').first().textContent()).toBe(agent.name)

    // 3. The citizen's network drops. The agent answers twice meanwhile; the citizen
    //    writes too, and the widget holds that message until it is back online.
    const connectionsBefore = citizen.network.connections
    citizen.network.begin()
    await waitForWidgetState(widget, (state) => state !== 'ready')
    await agentSays(inbox, 'Reply A: a repair crew has been notified.')
    await agentSays(inbox, 'Reply B: the case number will follow.')
    const input = widget.locator('#sb-input')
    await input.fill('补充：在和平路12号门口')
    await input.press('Enter')
    await widget.locator('.message.own', { hasText: '和平路12号' }).waitFor()
    citizen.network.end()

    await waitForWidgetState(widget, (state) => state === 'ready')
    expect(citizen.network.connections).toBeGreaterThan(connectionsBefore)
    expect(await shownOnce(widget.locator('.message.theirs .bubble', { hasText: 'Reply A:' }))).toBe(1)
    expect(await shownOnce(widget.locator('.message.theirs .bubble', { hasText: 'Reply B:' }))).toBe(1)
    expect(await shownOnce(inbox.locator('[data-testid="message"][data-direction="inbound"]', { hasText: '和平路12号' }))).toBe(1)
    expect(await widget.locator('.message.own .bubble', { hasText: '和平路12号' }).count()).toBe(1)

    // 4. The agent's network drops; the citizen writes twice meanwhile.
    staff.network.begin()
    await inbox.locator('[data-testid="connection-state"][data-state="reconnecting"]').waitFor({ state: 'attached' })
    await citizenSays(widget, '路灯杆上的编号是 HP-0412')
    await citizenSays(widget, '谢谢！')
    staff.network.end()

    await inbox.locator('[data-testid="connection-state"][data-state="open"]').waitFor({ state: 'attached', timeout: 30_000 })
    expect(await shownOnce(inbox.locator('[data-testid="message"][data-direction="inbound"]', { hasText: 'HP-0412' }))).toBe(1)
    expect(await shownOnce(inbox.locator('[data-testid="message"][data-direction="inbound"]', { hasText: '谢谢！' }))).toBe(1)

    // 5. The store holds each message once, in order, with no gap in seq. The inbox is online, so
    //    routing assigned the chat to the agent: that private timeline event is in the store too.
    const token = await hub.login(agent.email, agent.password)
    const stored = await storedMessages(token, conversationId)
    expect(stored.map((message) => message.seq)).toEqual(stored.map((_, index) => index + 1))
    expect(stored.filter((message) => message.type === 'event').map((message) => message.event?.name)).toEqual(['conversation.assigned'])
    const messages = stored.filter((message) => message.type !== 'event')
    expect(messages.map((message) => message.direction)).toEqual(['inbound', 'outbound', 'outbound', 'outbound', 'inbound', 'inbound', 'inbound'])
    expect(new Set(messages.map((message) => message.body)).size).toBe(7)

    // 6. A reload of the government page restores the same conversation from the stored visitor token.
    await citizen.page.reload()
    await citizen.page.keyboard.press('Tab')
    await citizen.page.keyboard.press('Enter')
    const reloaded = await widgetFrame(citizen.page)
    await waitForWidgetState(reloaded, (state) => state === 'ready')
    expect(await shownOnce(reloaded.locator('.message.own .bubble', { hasText: '谢谢！' }))).toBe(1)
    expect(await reloaded.locator('.message .bubble').count()).toBe(7)
  })
})
