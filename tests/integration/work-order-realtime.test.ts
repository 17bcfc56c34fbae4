/**
 * Work orders on the inbox socket: hotline staff hear every case move, department staff only
 * their own department's, and a department user's socket works without queues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { User } from '../../server/models/user.js'
import type { WorkOrderDto } from '../../server/presenters/dto.js'
import type { InboxServerFrame } from '../../server/realtime/protocol.js'
import { openSocket, type TestSocket } from '../support/socket-client.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

let hub: TestHub
const sockets: TestSocket<InboxServerFrame>[] = []

const config = {
  ...testConfig,
  workOrders: {
    departments: [
      { id: 'housing', name: { 'zh-CN': '住建局', en: 'Housing Bureau' } },
      { id: 'transport', name: { 'zh-CN': '交通局', en: 'Transport Bureau' } },
    ],
    categories: [{ code: '0301', name: { 'zh-CN': '租赁', en: 'Rent' } }],
    catalogue: [{ category: '0301', lead: 'housing' }],
  },
}

async function staff(role: 'agent' | 'department', department?: string): Promise<string> {
  const user = await hub.createUser(role, role === 'agent' ? ['general'] : [])
  if (department) await User.updateOne({ _id: user.id }, { $set: { department } })
  return hub.login(user.email, user.password)
}

async function inboxSocket(token: string): Promise<TestSocket<InboxServerFrame>> {
  const socket = await openSocket<InboxServerFrame>(`${hub.wsUrl}/ws/inbox`, { cookie: `sb_session=${token}` })
  sockets.push(socket)
  await socket.waitFor((frame) => frame.type === 'ready')
  socket.send({ type: 'subscribe', topic: 'conversations' })
  return socket
}

const movedTo =
  (number: string, status: string) =>
  (frame: InboxServerFrame): boolean =>
    frame.type === 'work_order' && frame.number === number && frame.status === status

beforeAll(async () => {
  hub = await startTestHub({ config })
})
afterAll(async () => {
  for (const socket of sockets) await socket.close()
  await hub?.stop()
})

describe('work orders for the inbox', () => {
  it('offers the responsibility catalogue with the forms, so the inbox suggests what dispatch would', async () => {
    const meta = (await (await hub.api('/api/work-orders/meta', { token: await staff('agent') })).json()) as { catalogue: unknown[] }
    expect(meta.catalogue).toEqual([{ category: '0301', lead: 'housing', coHandlers: [], auto: false }])
  })
})

describe('work orders on the inbox socket', () => {
  it('tells hotline staff of every move and a department only of its own cases', async () => {
    const agentToken = await staff('agent')
    const housingToken = await staff('department', 'housing')
    const agent = await inboxSocket(agentToken)
    const housing = await inboxSocket(housingToken)
    const transport = await inboxSocket(await staff('department', 'transport'))
    expect(housing.frames.find((frame) => frame.type === 'ready')).toMatchObject({ user: { role: 'department', department: 'housing' } })

    const created = await hub.api('/api/work-orders', {
      method: 'POST',
      token: agentToken,
      json: { type: 'complaint', category: '0301', title: '押金不退', description: '房东不退押金' },
    })
    const order = ((await created.json()) as { workOrder: WorkOrderDto }).workOrder
    await agent.waitFor(movedTo(order.number, 'registered'))

    const dispatch = await hub.api(`/api/work-orders/${order.id}/actions/dispatch`, { method: 'POST', token: agentToken, json: { department: 'housing' } })
    expect(dispatch.status).toBe(200)
    expect(await housing.waitFor(movedTo(order.number, 'dispatched'))).toMatchObject({ workOrderId: order.id, action: 'dispatch' })
    await agent.waitFor(movedTo(order.number, 'dispatched'))

    const sign = await hub.api(`/api/work-orders/${order.id}/actions/sign`, { method: 'POST', token: housingToken, json: {} })
    expect(sign.status).toBe(200)
    await agent.waitFor(movedTo(order.number, 'signed'))
    await housing.waitFor(movedTo(order.number, 'signed'))

    // Never the registration (no department yet), nor another department's case.
    expect(housing.frames.some(movedTo(order.number, 'registered'))).toBe(false)
    expect(transport.frames.some((frame) => frame.type === 'work_order')).toBe(false)
    // Nor any conversation traffic.
    expect(housing.frames.every((frame) => frame.type === 'ready' || frame.type === 'work_order' || frame.type === 'pong')).toBe(true)
  })
})
