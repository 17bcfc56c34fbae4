/**
 * Admins edit routing in the running hub: a queue switched from manual to automatic hands out
 * what waits; a user's queues, skills and capacity change who gets what; config-declared
 * members join their queues at boot; every change is audited and refused to non-admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyQueueMembers } from '../../server/bootstrap/queue-members.js'
import { AuditEvent } from '../../server/models/audit-event.js'
import { Conversation, type ConversationDoc } from '../../server/models/conversation.js'
import { User, type UserDoc } from '../../server/models/user.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

const localized = (en: string) => ({ 'zh-CN': en, en })
let hub: TestHub
let adminToken: string
const visitors: Visitor[] = []

beforeAll(async () => {
  hub = await startTestHub({
    config: {
      ...testConfig,
      queues: [
        { id: 'general', name: localized('General'), assignment: 'manual', members: ['duty.officer@test.local'] },
        { id: 'housing', name: localized('Housing') },
      ],
    },
  })
  adminToken = await hub.login('admin@test.local', 'admin-password-123')
})
afterAll(async () => {
  for (const visitor of visitors) await visitor.socket.close()
  await hub?.stop()
})

describe('admin routing edits', () => {
  it('switching a queue to automatic assigns what waits; non-admins are refused; the change is audited', async () => {
    const agent = await hub.createUser('agent', ['general'])
    const agentToken = await hub.login(agent.email, agent.password)
    await hub.api('/api/me/presence', { method: 'PUT', token: agentToken, json: { presence: 'online' } })
    const visitor = await connectVisitor(hub)
    visitors.push(visitor)
    const { conversationId } = await visitor.say('在人工队列里等待')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await Conversation.findById(conversationId).lean<ConversationDoc>())?.assigneeId).toBeNull()

    expect((await hub.api('/api/admin/queues/general', { method: 'PUT', token: agentToken, json: { assignment: 'least_busy' } })).status).toBe(403)
    const changed = await hub.api('/api/admin/queues/general', {
      method: 'PUT',
      token: adminToken,
      json: { assignment: 'least_busy', reassignAfterMinutes: 0 },
    })
    expect(changed.status).toBe(200)
    expect(((await changed.json()) as { queue: { assignment: string } }).queue.assignment).toBe('least_busy')
    await eventually(
      () => Conversation.findById(conversationId).lean<ConversationDoc>(),
      (conversation) => conversation?.assigneeId === agent.id,
    )
    expect(await AuditEvent.countDocuments({ action: 'queue.settings', 'target.id': 'general' })).toBe(1)
    expect((await hub.api('/api/admin/queues/nope', { method: 'PUT', token: adminToken, json: { assignment: 'manual' } })).status).toBe(404)
  })

  it("changes a user's queues, skills, capacity and all-queues grant", async () => {
    const user = await hub.createUser('agent', ['general'])
    const response = await hub.api(`/api/admin/users/${user.id}/routing`, {
      method: 'PUT',
      token: adminToken,
      json: { queues: ['general', 'housing'], skills: ['english'], capacity: { chat: 5 }, allQueues: true },
    })
    expect(response.status).toBe(200)
    const stored = await User.findById(user.id).lean<UserDoc>()
    expect(stored).toMatchObject({ queues: ['general', 'housing'], skills: ['english'], capacity: { chat: 5 }, allQueues: true })
    expect((await hub.api(`/api/admin/users/${user.id}/routing`, { method: 'PUT', token: adminToken, json: { queues: ['nowhere'] } })).status).toBe(400)
    expect(await AuditEvent.countDocuments({ action: 'user.routing', 'target.id': user.id })).toBe(1)
  })

  it('adds config-declared members to their queue, never removing what admins gave', async () => {
    const officer = await hub.createUser('agent', ['housing'])
    await User.updateOne({ _id: officer.id }, { $set: { email: 'duty.officer@test.local' } })
    await applyQueueMembers(hub.hub.context.config, () => undefined)
    expect((await User.findById(officer.id).lean<UserDoc>())?.queues).toEqual(['housing', 'general'])
  })
})
