/**
 * Work orders end to end through the API on the real database and Redis: a chat becomes a case,
 * the citizen is told its number in the widget, the case goes to a department that returns it,
 * gets it again, signs, asks for more time, replies; the hotline reviews and resolves; the
 * follow-up asks the citizen for a rating in the chat; an unsatisfied rating is redone.
 * Citizens look the case up by number on the chat and without signing in; departments see
 * only their own cases (session or API key); confidential reads are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEvent } from '../../server/models/audit-event.js'
import { User } from '../../server/models/user.js'
import type { WorkOrderDto } from '../../server/presenters/dto.js'
import { caseLookupFor } from '../../server/work-orders/status-lookup.js'
import { checkWorkOrderDeadline } from '../../server/work-orders/work-order-effects.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

const HOUSING_KEY = 'housing-key-0123456789abcdef'
let hub: TestHub
const tokens = { agent: '', supervisor: '', housing: '', transport: '' }
const visitors: Visitor[] = []

const config = {
  ...testConfig,
  workOrders: {
    departments: [
      { id: 'housing', name: { 'zh-CN': '住建局', en: 'Housing Bureau' }, apiKeyEnv: 'TEST_HOUSING_KEY' },
      { id: 'transport', name: { 'zh-CN': '交通局', en: 'Transport Bureau' } },
    ],
    categories: [
      { code: '0301', name: { 'zh-CN': '租赁', en: 'Rent' }, type: 'complaint' as const, keywords: ['押金'] },
      { code: '0401', name: { 'zh-CN': '公交', en: 'Bus' }, fields: [{ key: 'route', label: { 'zh-CN': '线路', en: 'Route' }, required: true }] },
    ],
    catalogue: [
      { category: '03*', lead: 'housing' },
      { category: '0401', lead: 'transport' },
    ],
    followUp: { afterHours: 0 },
  },
}

async function act(id: string, action: string, token: string, json: Record<string, unknown> = {}) {
  const response = await hub.api(`/api/work-orders/${id}/actions/${action}`, { method: 'POST', token, json })
  return { status: response.status, body: (await response.json()) as { workOrder: WorkOrderDto; error?: { code: string; message: string } } }
}

async function read(id: string, token: string): Promise<WorkOrderDto> {
  return ((await (await hub.api(`/api/work-orders/${id}`, { token })).json()) as { workOrder: WorkOrderDto }).workOrder
}

/** The hub's message to the citizen in the widget that contains `text` (waits for it). */
async function citizenReads(visitor: Visitor, text: string): Promise<string> {
  const hubSays = async () =>
    visitor
      .messages()
      .filter((message) => message.direction === 'outbound')
      .map((message) => message.body)
  const said = await eventually(hubSays, (bodies) => bodies.some((body) => body.includes(text)))
  return said.find((body) => body.includes(text)) ?? ''
}

beforeAll(async () => {
  // Secrets come from the environment: the department's key is read when the hub starts.
  process.env.TEST_HOUSING_KEY = HOUSING_KEY
  hub = await startTestHub({ config })
  for (const key of ['agent', 'supervisor', 'housing', 'transport'] as const) {
    const role = key === 'housing' || key === 'transport' ? 'department' : key
    const user = await hub.createUser(role, role === 'department' ? [] : ['general'])
    if (role === 'department') await User.updateOne({ _id: user.id }, { $set: { department: key } })
    tokens[key] = await hub.login(user.email, user.password)
  }
})
afterAll(async () => {
  for (const visitor of visitors) await visitor.socket.close()
  await hub?.stop()
  delete process.env.TEST_HOUSING_KEY
})

describe('a chat becomes a work order and the loop closes', () => {
  let visitor: Visitor
  let conversationId = ''
  let order: WorkOrderDto

  it('files a case prefilled from the conversation and tells the citizen its number', async () => {
    visitor = await connectVisitor(hub)
    visitors.push(visitor)
    conversationId = (await visitor.say('房东一直不退押金，已经两个月了')).conversationId
    const draft = (await (await hub.api(`/api/conversations/${conversationId}/work-order-draft`, { token: tokens.agent })).json()) as {
      draft: { category: string; description: string; suggestedDepartment: string }
    }
    expect(draft.draft).toMatchObject({ category: '0301', suggestedDepartment: 'housing' })
    // The transcript names the citizen "Citizen" (the agent reads English), never by name: departments read it.
    expect(draft.draft.description).toContain('Citizen: 房东一直不退押金')

    const created = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: { conversationId, type: 'complaint', category: '0301', title: '押金不退', description: draft.draft.description, citizen: { phone: '13812345678' } },
    })
    expect(created.status).toBe(201)
    order = ((await created.json()) as { workOrder: WorkOrderDto }).workOrder
    expect(order).toMatchObject({ status: 'registered', conversationId, source: 'webchat', actions: expect.arrayContaining(['dispatch']) })
    expect(order.number).toMatch(/^\d{4}-\d{6}$/)
    // Agents see the phone masked.
    expect(order.citizen?.phone).toBe('138****5678')
    expect(order.deadlines.resolve?.state).toBe('running')
    await citizenReads(visitor, order.number)
  })

  it('refuses bad input with a clear error and files nothing', async () => {
    const unknown = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: { type: 'complaint', category: 'nope', title: 'x', description: 'y' },
    })
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_category')
    const missingField = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: { type: 'complaint', category: '0401', title: 'x', description: 'y' },
    })
    expect(((await missingField.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_fields',
      message: 'route is required',
    })
    expect(
      (await hub.api('/api/work-orders', { method: 'POST', token: tokens.housing, json: { type: 'help', category: '0301', title: 'x', description: 'y' } }))
        .status,
    ).toBe(403)
  })

  it('a department sees nothing before dispatch, and nothing of other departments', async () => {
    expect((await hub.api(`/api/work-orders/${order.id}`, { token: tokens.housing })).status).toBe(404)
    expect((await hub.api('/api/conversations', { token: tokens.housing })).status).toBe(403)
  })

  it('dispatches, the department returns it with its legal basis, and it is dispatched again', async () => {
    expect((await act(order.id, 'dispatch', tokens.agent, {})).body.error?.code).toBe('missing_input')
    expect((await act(order.id, 'dispatch', tokens.agent, { department: 'transport' })).body.error?.code).toBe('override_reason_required')
    const dispatched = await act(order.id, 'dispatch', tokens.agent, { department: 'housing' })
    expect(dispatched.body.workOrder).toMatchObject({ status: 'dispatched', leadDepartment: 'housing', dispatchCount: 1 })
    await citizenReads(visitor, '住建局')

    expect((await act(order.id, 'sign', tokens.transport)).status).toBe(404)
    const noBasis = await act(order.id, 'return', tokens.housing, { reason: '不属于本单位职责' })
    expect(noBasis.status).toBe(400)
    expect((await read(order.id, tokens.agent)).status).toBe('dispatched')
    const returned = await act(order.id, 'return', tokens.housing, { reason: '不属于本单位职责', legalBasis: '《住房租赁条例》第五条' })
    expect(returned.body.workOrder).toMatchObject({ status: 'returned', returnCount: 1 })

    const again = await act(order.id, 'dispatch', tokens.agent, { department: 'housing', comment: '押金属住建职责' })
    expect(again.body.workOrder).toMatchObject({ status: 'dispatched', dispatchCount: 2 })
  })

  it('the department signs, asks for more time, the supervisor approves, and the citizen is told', async () => {
    const signed = await act(order.id, 'sign', tokens.housing)
    expect(signed.body.workOrder.status).toBe('signed')
    expect(signed.body.workOrder.deadlines.sign?.state).toBe('met')
    const due = new Date(signed.body.workOrder.deadlines.resolve?.dueAt ?? 0)
    const until = new Date(due.getTime() + 5 * 24 * 3_600_000).toISOString()
    const asked = await act(order.id, 'request_extension', tokens.housing, { reason: '需要现场核查', until })
    expect(asked.body.workOrder.extension).toMatchObject({ state: 'pending', reason: '需要现场核查' })
    expect((await act(order.id, 'approve_extension', tokens.agent)).status).toBe(403)
    const approved = await act(order.id, 'approve_extension', tokens.supervisor)
    expect(approved.body.workOrder.extension?.state).toBe('approved')
    expect(approved.body.workOrder.deadlines.resolve?.dueAt).toBe(until)
    await citizenReads(visitor, '延长')
  })

  it('the department replies; the hotline reviews and resolves; the follow-up asks for a rating in the chat', async () => {
    const replied = await act(order.id, 'reply', tokens.housing, { text: '已约谈房东，押金将于三日内退还。' })
    expect(replied.body.workOrder).toMatchObject({ status: 'replied', replies: [expect.objectContaining({ text: '已约谈房东，押金将于三日内退还。' })] })
    expect(replied.body.workOrder.deadlines.resolve?.state).toBe('met')
    expect((await act(order.id, 'approve', tokens.agent)).body.workOrder.status).toBe('reviewed')
    expect((await act(order.id, 'resolve', tokens.agent)).body.workOrder.status).toBe('resolved')
    await citizenReads(visitor, '已办结')
    await citizenReads(visitor, '1 满意')
    await eventually(
      () => read(order.id, tokens.agent),
      (current) => current.status === 'follow_up',
    )
  })

  it('the citizen rates unsatisfied in the chat, gives the reason, and a supervisor has it redone', async () => {
    await visitor.say('3')
    await citizenReads(visitor, '原因')
    await visitor.say('押金还没有退')
    const rated = await eventually(
      () => read(order.id, tokens.agent),
      (current) => current.status === 'rated',
    )
    expect(rated.followUp).toMatchObject({ rating: 'unsatisfied', reason: '押金还没有退' })
    expect((await act(order.id, 'redo', tokens.agent, { comment: '核实属实' })).status).toBe(403)
    const redo = await act(order.id, 'redo', tokens.supervisor, { comment: '核实属实，重新办理' })
    expect(redo.body.workOrder).toMatchObject({ status: 'dispatched', redoCount: 1, leadDepartment: 'housing' })
    const history = (await read(order.id, tokens.supervisor)).history.map((entry) => entry.action)
    expect(history).toEqual([
      'register',
      'dispatch',
      'return',
      'dispatch',
      'sign',
      'request_extension',
      'approve_extension',
      'reply',
      'approve',
      'resolve',
      'ask_follow_up',
      'rate',
      'redo',
    ])
  })

  it('the citizen looks the case up by number in the chat; a stranger needs the phone digits', async () => {
    await visitor.say(`查询 ${order.number}`)
    await citizenReads(visitor, '承办单位：住建局')
    const stranger = await connectVisitor(hub)
    visitors.push(stranger)
    await stranger.say(`查询 ${order.number}`)
    await citizenReads(stranger, '后四位')
    await stranger.say(`查询 ${order.number} 5678`)
    await citizenReads(stranger, '承办单位：住建局')
  })

  it('answers the public lookup and the IVR with details only for the citizen', async () => {
    const lookup = (json: Record<string, unknown>) => hub.api('/api/case-status', { method: 'POST', json })
    const plain = (await (await lookup({ number: order.number, check: '0000' })).json()) as { verified: boolean; text: string; status: string }
    expect(plain).toMatchObject({ verified: false, status: 'dispatched' })
    expect(plain.text).not.toContain('住建局')
    const checked = (await (await lookup({ number: order.number, check: '5678', language: 'en' })).json()) as { verified: boolean; text: string }
    expect(checked.verified).toBe(true)
    expect(checked.text).toContain('Housing Bureau')
    expect((await lookup({ number: '1999-000001' })).status).toBe(404)
    expect((await lookup({ number: order.number, check: '12' })).status).toBe(400)
    // Guessing the digits: after five wrong checks in a day even the right ones stop working for this case.
    for (const wrong of ['0001', '0002', '0003', '0004'])
      expect(((await (await lookup({ number: order.number, check: wrong })).json()) as { verified: boolean }).verified).toBe(false)
    expect(((await (await lookup({ number: order.number, check: '5678' })).json()) as { verified: boolean }).verified).toBe(false)

    const ivr = caseLookupFor(hub.hub.context.config, hub.hub.context.redis)
    expect(await ivr(order.number.replace('-', ''), 'zh-CN', { channel: 'web', externalId: visitor.visitorId })).toContain('住建局')
    expect(await ivr(order.number, 'zh-CN', { channel: 'voice', externalId: '+8613900000000' })).not.toContain('住建局')
    expect(await ivr('2099-000001', 'zh-CN')).toBeUndefined()
  })
})

describe('departments and their systems', () => {
  it('lists only the department’s cases, by session or API key, and acts with the key', async () => {
    const mine = (await (await hub.api('/api/work-orders', { token: tokens.housing })).json()) as { workOrders: WorkOrderDto[] }
    expect(mine.workOrders.length).toBeGreaterThan(0)
    expect(mine.workOrders.every((order) => order.leadDepartment === 'housing' || order.coDepartments.includes('housing'))).toBe(true)
    expect(mine.workOrders.every((order) => order.conversationId === null)).toBe(true)
    const theirs = (await (await hub.api('/api/work-orders', { token: tokens.transport })).json()) as { workOrders: WorkOrderDto[] }
    expect(theirs.workOrders).toEqual([])

    const byKey = (await (await hub.api('/api/work-orders?status=dispatched', { token: HOUSING_KEY })).json()) as { workOrders: WorkOrderDto[] }
    const target = byKey.workOrders[0] as WorkOrderDto
    expect(target.actions).toEqual(['sign', 'return'])
    const signed = await act(target.id, 'sign', HOUSING_KEY)
    expect(signed.body.workOrder.history.at(-1)?.actor).toMatchObject({ type: 'api', department: 'housing' })
    expect((await hub.api('/api/work-orders', { token: 'wrong-key' })).status).toBe(401)
    expect((await hub.api('/api/work-orders?status=bogus', { token: tokens.agent })).status).toBe(400)
  })

  it('departments read the files of their cases and reply with their own; nothing else', async () => {
    const visitor = await connectVisitor(hub)
    visitors.push(visitor)
    const conversationId = (await visitor.say('楼道堆放杂物，照片已拍')).conversationId
    const pdf = new TextEncoder().encode('%PDF-1.4 photo of the hallway')
    const upload = (path: string, token: string, name = 'evidence.pdf') =>
      hub.api(`${path}?name=${name}`, { method: 'POST', token, headers: { 'content-type': 'application/pdf' }, body: pdf })
    const copied = ((await (await upload(`/api/conversations/${conversationId}/attachments`, tokens.agent)).json()) as { attachment: { url: string } })
      .attachment
    const created = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: {
        conversationId,
        type: 'complaint',
        category: '0301',
        title: '楼道杂物',
        description: '楼道堆放杂物',
        attachments: [{ ...copied, mimeType: 'application/pdf' }],
      },
    })
    const order = ((await created.json()) as { workOrder: WorkOrderDto }).workOrder
    // Before dispatch the department sees neither the case nor its file.
    expect((await hub.api(copied.url, { token: tokens.housing })).status).toBe(404)
    await act(order.id, 'dispatch', tokens.agent, { department: 'housing' })
    expect((await hub.api(copied.url, { token: tokens.housing })).status).toBe(200)
    expect((await hub.api(copied.url, { token: HOUSING_KEY })).status).toBe(200)
    expect((await hub.api(copied.url, { token: tokens.transport })).status).toBe(404)
    await act(order.id, 'sign', tokens.housing)

    expect((await upload(`/api/work-orders/${order.id}/attachments`, tokens.transport)).status).toBe(404)
    const refused = await hub.api(`/api/work-orders/${order.id}/attachments`, {
      method: 'POST',
      token: tokens.housing,
      headers: { 'content-type': 'text/html' },
      body: '<script>',
    })
    expect(refused.status).toBe(415)
    const own = await upload(`/api/work-orders/${order.id}/attachments`, tokens.housing, '整改回执.pdf')
    expect(own.status).toBe(201)
    const receipt = ((await own.json()) as { attachment: { url: string; mimeType: string; name: string } }).attachment
    expect(receipt).toMatchObject({ mimeType: 'application/pdf', name: '整改回执.pdf' })

    const foreign = await act(order.id, 'reply', tokens.housing, {
      text: '已清理',
      attachments: [{ url: '/api/media/med_somebodyelses', mimeType: 'application/pdf' }],
    })
    expect(foreign.body.error?.code).toBe('unknown_attachment')
    const replied = await act(order.id, 'reply', tokens.housing, { text: '已清理，附整改回执', attachments: [receipt] })
    expect(replied.body.workOrder.replies[0]?.attachments).toEqual([receipt])
    const download = await hub.api(receipt.url, { token: tokens.agent })
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf)
  })

  it('a co-handling department sees the case and adds its part for the lead department', async () => {
    const created = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: { type: 'complaint', category: '0301', title: '小区门口占道停车', description: '小区门口长期占道停车' },
    })
    const order = ((await created.json()) as { workOrder: WorkOrderDto }).workOrder
    await act(order.id, 'dispatch', tokens.agent, { department: 'housing', coDepartments: ['transport'] })
    const seenByCo = await read(order.id, tokens.transport)
    expect(seenByCo).toMatchObject({ leadDepartment: 'housing', coDepartments: ['transport'], actions: ['contribute'] })
    expect((await act(order.id, 'sign', tokens.transport)).body.error?.code).toBe('not_lead_department')
    expect((await act(order.id, 'contribute', tokens.housing, { text: '主办自己' })).body.error?.code).toBe('not_co_department')
    const added = await act(order.id, 'contribute', tokens.transport, { text: '交警已于今日现场处置' })
    expect(added.body.workOrder.status).toBe('dispatched')
    expect((await read(order.id, tokens.housing)).contributions).toEqual([expect.objectContaining({ department: 'transport', text: '交警已于今日现场处置' })])
  })

  it('hides who filed a confidential case from the department and audits every hotline read of it', async () => {
    const created = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: {
        type: 'report',
        category: '0301',
        title: '举报群租',
        description: '楼内群租',
        confidential: true,
        citizen: { name: '李四', phone: '13900001111' },
      },
    })
    const order = ((await created.json()) as { workOrder: WorkOrderDto }).workOrder
    await act(order.id, 'dispatch', tokens.agent, { department: 'housing' })
    expect((await read(order.id, tokens.housing)).citizen).toBeNull()
    expect((await read(order.id, tokens.supervisor)).citizen).toMatchObject({ name: '李四', phone: '13900001111' })
    // Filing it, the dispatch's answer and the supervisor's read each showed the citizen: three audited views.
    const audits = await AuditEvent.find({ action: 'work_order.view_personal_data', 'target.id': order.id }).lean()
    expect(audits).toHaveLength(3)

    // Supervisors read the case's trail; agents and open-ended queries are refused.
    const trail = (await (await hub.api(`/api/audit-events?targetType=work_order&targetId=${order.id}`, { token: tokens.supervisor })).json()) as {
      events: { action: string; actor: { type: string } }[]
    }
    expect([...new Set(trail.events.map((event) => event.action))].sort()).toEqual([
      'work_order.dispatch',
      'work_order.register',
      'work_order.view_personal_data',
    ])
    expect((await hub.api(`/api/audit-events?targetType=work_order&targetId=${order.id}`, { token: tokens.agent })).status).toBe(403)
    expect((await hub.api('/api/audit-events', { token: tokens.supervisor })).status).toBe(403)
    expect((await hub.api(`/api/audit-events?targetType=work_order&targetId=${order.id}`, { token: tokens.housing })).status).toBe(403)
  })

  it('merges a duplicate under a master case', async () => {
    const file = async (title: string) =>
      (
        (await (
          await hub.api('/api/work-orders', { method: 'POST', token: tokens.agent, json: { type: 'complaint', category: '0301', title, description: title } })
        ).json()) as { workOrder: WorkOrderDto }
      ).workOrder
    const master = await file('同一小区押金问题')
    const duplicate = await file('同一小区押金问题（重复）')
    const merged = await act(duplicate.id, 'merge', tokens.agent, { masterId: master.id })
    expect(merged.body.workOrder).toMatchObject({ status: 'merged', masterId: master.id })
    expect((await read(master.id, tokens.agent)).mergedIds).toEqual([duplicate.id])
    expect((await act(duplicate.id, 'dispatch', tokens.agent, { department: 'housing' })).status).toBe(409)
  })
})

describe('deadlines', () => {
  it('a life-safety case not signed in time turns at risk, then overdue; each is stored, listed and chased', async () => {
    const created = await hub.api('/api/work-orders', {
      method: 'POST',
      token: tokens.agent,
      json: { type: 'help', category: '0301', urgency: 'life_safety', title: '楼道燃气味', description: '楼道有燃气味' },
    })
    const order = ((await created.json()) as { workOrder: WorkOrderDto }).workOrder
    const dispatched = (await act(order.id, 'dispatch', tokens.agent, { department: 'housing' })).body.workOrder
    const sign = dispatched.deadlines.sign as NonNullable<WorkOrderDto['deadlines']['sign']>
    expect(new Date(sign.dueAt).getTime() - new Date(dispatched.updatedAt).getTime()).toBe(15 * 60_000)

    // The timed job runs the same handler at the at-risk moment and after the deadline; here it is called with the clock moved on.
    const at = (iso: string, plusMs: number) => ({ ...hub.hub.context, now: () => new Date(new Date(iso).getTime() + plusMs) })
    await checkWorkOrderDeadline(at(sign.atRiskAt, 1000), order.id, 'sign', sign.dueAt)
    let current = await read(order.id, tokens.agent)
    expect(current.deadlines.sign?.state).toBe('at_risk')
    expect(current.supervision).toEqual([expect.objectContaining({ kind: 'urge', comment: expect.stringContaining('即将超期') })])

    await checkWorkOrderDeadline(at(sign.dueAt, 60_000), order.id, 'sign', sign.dueAt)
    // A second run of the same check (a retried job) changes nothing more.
    await checkWorkOrderDeadline(at(sign.dueAt, 120_000), order.id, 'sign', sign.dueAt)
    current = await read(order.id, tokens.agent)
    expect(current.deadlines.sign?.state).toBe('overdue')
    expect(current.supervision.map((entry) => entry.comment.slice(0, 4))).toEqual(['即将超期', '已超期：'])
    const overdue = (await (await hub.api('/api/work-orders?overdue=true', { token: tokens.housing })).json()) as { workOrders: WorkOrderDto[] }
    expect(overdue.workOrders.map((entry) => entry.id)).toContain(order.id)

    // A check scheduled for a deadline that has since moved is stale and does nothing.
    await checkWorkOrderDeadline(at(sign.dueAt, 60_000), order.id, 'sign', new Date(0).toISOString())
    expect((await read(order.id, tokens.agent)).supervision).toHaveLength(2)
  })
})
