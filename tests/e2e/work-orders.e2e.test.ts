/**
 * A chat becomes a work order and comes back to the citizen, in real browsers: the citizen writes
 * in the widget; an agent files a case from the conversation and dispatches it on the catalogue's
 * suggestion; a department user, in another browser context, sees it arrive live, signs and
 * replies with a PDF that the agent sees on the case and opens; the agent approves and resolves; the citizen reads the case number and the outcome in
 * the chat and checks the case by its number with the widget's form. Real hub, FerretDB, Redis,
 * Chromium; axe checks the work-orders views, the create and reply dialogs and the widget's lookup. The
 * department's user is created by an admin in Settings → Users.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wcagViolations } from '../support/axe.js'
import { launchChromium } from '../support/browser.js'
import { signInToInbox } from '../support/inbox-sign-in.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { openWidget } from '../support/widget-page.js'

type Staff = { email: string; password: string; name: string }

const REPLY = '已约谈房东，押金将于三日内退还。'
const RECEIPT = { name: '整改回执.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% receipt of the landlord interview\n%%EOF\n') }

const config = {
  ...testConfig,
  workOrders: {
    departments: [
      { id: 'housing', name: { 'zh-CN': '住建局', en: 'Housing Bureau' } },
      { id: 'transport', name: { 'zh-CN': '交通局', en: 'Transport Bureau' } },
    ],
    categories: [
      { code: '0301', name: { 'zh-CN': '租赁', en: 'Rent' }, type: 'complaint' as const, keywords: ['押金'] },
      { code: '0401', name: { 'zh-CN': '公交', en: 'Bus' }, fields: [{ key: 'route', label: { 'zh-CN': '线路', en: 'Route' }, required: true }] },
    ],
    catalogue: [
      { category: '03*', lead: 'housing', coHandlers: ['transport'] },
      { category: '0401', lead: 'transport' },
    ],
    followUp: { afterHours: 0 },
  },
}

let hub: TestHub
let browser: Browser
let agent: Staff
const clerk = { email: 'zhang.wei@housing.example', password: 'housing-initial-2026', name: '张伟' }

beforeAll(async () => {
  hub = await startTestHub({ config })
  agent = await hub.createUser('agent', ['general'])
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

/** Runs one action from the case panel's buttons through its dialog. */
async function act(page: Page, action: string, fill: (dialog: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {}): Promise<void> {
  await page.getByTestId(`wo-act-${action}`).click()
  const dialog = page.getByTestId('wo-action-dialog')
  await dialog.waitFor()
  await fill(dialog)
  await dialog.getByTestId('wo-action-submit').click()
  await dialog.waitFor({ state: 'detached' })
}

const caseIn = (page: Page, status: string) => page.locator(`[data-testid="work-order-detail"][data-status="${status}"]`)

describe('work orders from a chat to a department and back, in Chromium', () => {
  it('files, dispatches, signs, replies, resolves, and the citizen follows it in the widget', async () => {
    // 1. The citizen writes in the widget.
    const citizen = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    const widget = await openWidget(citizen, hub.url)
    const input = widget.locator('#sb-input')
    await input.fill('房东一直不退押金，已经两个月了')
    await input.press('Enter')
    await widget.locator('.message.own .bubble', { hasText: '押金' }).waitFor()

    // 2. An admin creates the department's user in Settings; they sign in and have nothing yet.
    const settings = await signInToInbox(browser, hub.url, { email: 'admin@test.local', password: 'admin-password-123' })
    await settings.getByTestId('nav-settings').click()
    await settings.getByTestId('settings-tab-users').click()
    await settings.getByTestId('user-new').click()
    const newUser = settings.getByTestId('new-user-dialog')
    await newUser.getByTestId('new-user-name').fill(clerk.name)
    await newUser.getByTestId('new-user-email').fill(clerk.email)
    await newUser.getByTestId('new-user-role').selectOption('department')
    await newUser.getByTestId('new-user-department').selectOption('housing')
    await newUser.getByTestId('new-user-password').fill('short')
    await newUser.getByTestId('new-user-save').click()
    await newUser.getByTestId('new-user-error').filter({ hasText: 'The initial password needs at least 12 characters.' }).waitFor()
    expect(await wcagViolations(settings)).toEqual([])
    await newUser.getByTestId('new-user-password').fill(clerk.password)
    await newUser.getByTestId('new-user-save').click()
    await newUser.waitFor({ state: 'detached' })
    await settings
      .getByTestId('user-settings-status')
      .filter({ hasText: `${clerk.name} created.` })
      .waitFor({ state: 'attached' })
    const row = settings.locator('[data-testid="user-settings-row"]', { hasText: clerk.email })
    expect(await row.textContent()).toContain('Department: Housing Bureau')
    const department = await signInToInbox(browser, hub.url, clerk, 'en-US', 'work-order-list')
    expect(await department.getByTestId('nav-conversations').count()).toBe(0)
    await department.getByTestId('work-orders-empty').waitFor()

    // 3. The agent opens the conversation and files a case, prefilled from the chat.
    const inbox = await signInToInbox(browser, hub.url, agent)
    await inbox.getByTestId('conversation-row').filter({ hasText: '押金' }).click()
    await inbox.getByTestId('conversation-work-orders').getByText('No work order yet.').waitFor()
    await inbox.getByTestId('create-work-order').click()
    const create = inbox.getByTestId('wo-create-dialog')
    await expect.poll(() => create.getByTestId('wo-create-category').inputValue()).toBe('0301')
    expect(await create.getByTestId('wo-create-type').inputValue()).toBe('complaint')
    expect(await create.getByTestId('wo-create-description').inputValue()).toContain('房东一直不退押金')
    await create.getByText('After filing, the catalogue suggests dispatching to Housing Bureau.').waitFor()
    expect(await wcagViolations(inbox)).toEqual([])
    // Nothing is filed without a title: said in the dialog's alert, focus on the field.
    await create.getByTestId('wo-create-title').fill('')
    await create.getByTestId('wo-create-submit').click()
    await create.getByTestId('wo-create-error').filter({ hasText: 'Fill in: Title.' }).waitFor()
    expect(await create.getByTestId('wo-create-title').evaluate((element) => element === document.activeElement)).toBe(true)
    await create.getByTestId('wo-create-title').fill('押金不退')
    await create.getByTestId('wo-create-phone').fill('13812345678')
    await create.getByTestId('wo-create-submit').click()
    await create.waitFor({ state: 'detached' })
    const filed = inbox.locator('[data-testid="conversation-work-order"][data-status="registered"]')
    await filed.waitFor()
    const number = (await filed.getAttribute('data-number')) ?? ''
    expect(number).toMatch(/^\d{4}-\d{6}$/)
    expect(await inbox.getByTestId('create-work-order-status').textContent()).toBe(`Case ${number} filed; the citizen was told its number.`)
    // The citizen is told the number in the chat.
    await widget.locator('.bubble', { hasText: `工单编号 ${number}` }).waitFor()

    // 4. The agent opens the case and dispatches it; the catalogue's department is preselected.
    await filed.click()
    await caseIn(inbox, 'registered').waitFor()
    await inbox.getByTestId('deadline-badge').and(inbox.locator('[data-deadline="resolve"]')).waitFor()
    await act(inbox, 'dispatch', async (dialog) => {
      expect(await dialog.getByTestId('wo-action-department').inputValue()).toBe('housing')
      await dialog.getByText('The responsibility catalogue suggests Housing Bureau.').waitFor()
      // The catalogue's co-handling department is ticked too.
      expect(await dialog.getByRole('checkbox', { name: 'Transport Bureau' }).isChecked()).toBe(true)
    })
    await caseIn(inbox, 'dispatched').waitFor()
    await inbox
      .getByTestId('work-order-status')
      .filter({ hasText: `Case ${number}: Dispatch done. Now: Dispatched.` })
      .waitFor()
    await inbox.locator(`[data-testid="work-order-row"][data-number="${number}"]`).waitFor()
    expect(await wcagViolations(inbox)).toEqual([])

    // 5. The department sees it arrive without reloading, with its deadlines, signs and replies.
    const arrived = department.locator(`[data-testid="work-order-row"][data-number="${number}"]`)
    await arrived.waitFor()
    await arrived.locator('button').click()
    await caseIn(department, 'dispatched').waitFor()
    await department.locator('[data-testid="deadline-badge"][data-deadline="sign"]').waitFor()
    expect(await department.getByTestId('work-order-citizen').textContent()).toContain('13812345678')
    expect(await department.locator('[data-testid^="wo-act-"]').evaluateAll((buttons) => buttons.map((button) => button.textContent))).toEqual([
      'Sign',
      'Return',
    ])
    expect(await wcagViolations(department)).toEqual([])
    await act(department, 'sign')
    await caseIn(department, 'signed').waitFor()
    // Signed cases leave the "To sign" tab.
    await arrived.waitFor({ state: 'detached' })
    await department.getByTestId('wo-queue-in_progress').check()
    await department.locator(`[data-testid="work-order-row"][data-number="${number}"]`).waitFor()
    // A reply needs its text: said before asking the hub.
    await department.getByTestId('wo-act-reply').click()
    const reply = department.getByTestId('wo-action-dialog')
    await reply.getByTestId('wo-action-submit').click()
    await reply.getByTestId('wo-action-error').filter({ hasText: 'Fill in: Your reply.' }).waitFor()
    expect(await wcagViolations(department)).toEqual([])
    await reply.getByTestId('wo-action-text').fill(REPLY)
    // With a file: uploaded to the case when chosen, said in the status line; a type no reply takes is refused in the alert.
    await reply.getByTestId('wo-action-files').setInputFiles([RECEIPT, { name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<p>notes</p>') }])
    await reply.getByTestId('wo-action-files-error').filter({ hasText: 'Could not attach notes.html: A reply cannot carry this type of file.' }).waitFor()
    const chosen = reply.getByTestId('wo-action-files-list').getByTestId('composer-attachment')
    await reply.locator('[data-testid="composer-attachment"][data-phase="ready"]', { hasText: RECEIPT.name }).waitFor()
    expect(await chosen.count()).toBe(1)
    await reply
      .getByTestId('wo-action-files-status')
      .filter({ hasText: `${RECEIPT.name} attached (` })
      .waitFor({ state: 'attached' })
    expect(await reply.getByRole('button', { name: `Remove attachment ${RECEIPT.name}` }).count()).toBe(1)
    expect(await wcagViolations(department)).toEqual([])
    await reply.getByTestId('wo-action-submit').click()
    await reply.waitFor({ state: 'detached' })
    await caseIn(department, 'replied').waitFor()
    expect(await department.getByTestId('work-order-reply').textContent()).toContain(REPLY)
    await department
      .getByTestId('work-order-reply')
      .getByRole('link', { name: `Download ${RECEIPT.name}` })
      .waitFor()

    // 6. The agent's open case moves by itself; the agent approves and resolves.
    await caseIn(inbox, 'replied').waitFor()
    await inbox
      .getByTestId('work-order-status')
      .filter({ hasText: `Case ${number} was updated: Replied.` })
      .waitFor()
    expect(await inbox.getByTestId('work-order-reply').textContent()).toContain(REPLY)
    // The reply's file is listed on the case and opens with the agent's session.
    const receipt = inbox.getByTestId('work-order-reply').getByRole('link', { name: `Download ${RECEIPT.name}` })
    const href = (await receipt.getAttribute('href')) ?? ''
    expect(new URL(href).pathname).toMatch(/^\/api\/media\/med_/)
    const opened = await inbox.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' })
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
    }, href)
    expect(opened).toEqual({ status: 200, type: 'application/pdf', body: RECEIPT.buffer.toString() })
    expect(await wcagViolations(inbox)).toEqual([])
    await act(inbox, 'approve')
    await caseIn(inbox, 'reviewed').waitFor()
    await act(inbox, 'resolve')
    await inbox.locator('[data-testid="work-order-detail"][data-status="resolved"], [data-testid="work-order-detail"][data-status="follow_up"]').waitFor()
    const history = await inbox.locator('[data-testid="work-order-history"] > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))
    expect(history.slice(0, 6)).toEqual(['register', 'dispatch', 'sign', 'reply', 'approve', 'resolve'])

    // 7. The citizen reads the outcome in the chat, then checks the case by number in the widget.
    await widget.locator('.bubble', { hasText: `工单 ${number} 已办结。办理结果：${REPLY}` }).waitFor()
    await widget.getByTestId('case-lookup-toggle').click()
    const lookup = widget.getByTestId('case-lookup')
    await lookup.waitFor()
    expect(await widget.getByTestId('case-number').evaluate((element) => element === document.activeElement)).toBe(true)
    await widget.getByTestId('case-number').fill('2099-000001')
    await widget.getByTestId('case-submit').click()
    await widget.getByTestId('case-error').filter({ hasText: '未找到该工单' }).waitFor()
    expect(await wcagViolations(widget)).toEqual([])
    await widget.getByTestId('case-number').fill(number)
    await widget.getByTestId('case-submit').click()
    const result = widget.getByTestId('case-result')
    await result.filter({ hasText: `工单 ${number}` }).waitFor()
    // Filed from this chat: the visitor token proves it, so the outcome is told without the phone digits.
    expect(await result.textContent()).toContain('承办单位：住建局')
    expect(await result.textContent()).toContain(`办理结果：${REPLY}`)
    expect(await widget.getByTestId('case-error').textContent()).toBe('')
    expect(await wcagViolations(widget)).toEqual([])
    await widget.getByTestId('case-number').press('Escape')
    await lookup.waitFor({ state: 'detached' })
    expect(await widget.getByTestId('case-lookup-toggle').evaluate((element) => element === document.activeElement)).toBe(true)
  })
})
