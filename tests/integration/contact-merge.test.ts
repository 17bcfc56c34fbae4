/**
 * Contact history and merge on the real database: two contacts that are one citizen are merged
 * (identities and conversations move, the history is combined, new messages find the merged
 * contact), the merge is in the timeline and the audit log, and reverting restores both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEvent } from '../../server/models/audit-event.js'
import { Contact, type ContactDoc, ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import type { ConversationDto, MessageDto } from '../../server/presenters/dto.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

let hub: TestHub
let supervisorToken: string
let agentToken: string
const visitors: Visitor[] = []

async function citizen(text: string): Promise<{ visitor: Visitor; message: MessageDto }> {
  const visitor = await connectVisitor(hub)
  visitors.push(visitor)
  return { visitor, message: await visitor.say(text) }
}

async function contactOf(conversationId: string): Promise<string> {
  const body = (await (await hub.api(`/api/conversations/${conversationId}`, { token: supervisorToken })).json()) as { contact: { id: string } }
  return body.contact.id
}

async function history(contactId: string, token = supervisorToken): Promise<{ status: number; conversations: ConversationDto[]; hidden: number }> {
  const response = await hub.api(`/api/contacts/${contactId}/conversations`, { token })
  if (response.status !== 200) return { status: response.status, conversations: [], hidden: 0 }
  return { status: 200, ...((await response.json()) as { conversations: ConversationDto[]; hidden: number }) }
}

beforeAll(async () => {
  hub = await startTestHub()
  const supervisor = await hub.createUser('supervisor', ['general'])
  supervisorToken = await hub.login(supervisor.email, supervisor.password)
  const agent = await hub.createUser('agent', ['general'])
  agentToken = await hub.login(agent.email, agent.password)
})
afterAll(async () => {
  for (const visitor of visitors) await visitor.socket.close()
  await hub?.stop()
})

describe('contact merge', () => {
  it('combines two contacts’ histories, keeps both identities, and can be reverted', async () => {
    const first = await citizen('我上周反映过路灯的问题')
    const second = await citizen('路灯还是不亮（我换了手机）')
    const target = await contactOf(first.message.conversationId)
    const source = await contactOf(second.message.conversationId)
    expect(target).not.toBe(source)

    // Agents may not merge; supervisors may.
    expect((await hub.api(`/api/contacts/${target}/merge`, { method: 'POST', token: agentToken, json: { sourceContactId: source } })).status).toBe(403)
    expect((await hub.api(`/api/contacts/${target}/merge`, { method: 'POST', token: supervisorToken, json: { sourceContactId: target } })).status).toBe(400)
    const merged = await hub.api(`/api/contacts/${target}/merge`, { method: 'POST', token: supervisorToken, json: { sourceContactId: source } })
    expect(merged.status).toBe(200)
    const { merge } = (await merged.json()) as { merge: { id: string; movedConversations: number } }
    expect(merge.movedConversations).toBe(1)

    // The inbox list shows the moved conversation under the merged contact's name at once.
    const listed = (await (await hub.api('/api/conversations?status=all&limit=100', { token: supervisorToken })).json()) as { conversations: ConversationDto[] }
    const targetName = (await Contact.findById(target).lean<ContactDoc>())?.name
    expect(listed.conversations.find((conversation) => conversation.id === second.message.conversationId)?.contact).toEqual({ id: target, name: targetName })
    const combined = await history(target)
    expect(combined.conversations.map((conversation) => conversation.id).sort()).toEqual([first.message.conversationId, second.message.conversationId].sort())
    const targetDoc = await Contact.findById(target).lean<ContactDoc>()
    expect(targetDoc?.identities.map((identity) => identity.externalId).sort()).toEqual([first.visitor.visitorId, second.visitor.visitorId].sort())
    expect((await Contact.findById(source).lean<ContactDoc>())?.mergedInto).toBe(target)
    expect((await ContactIdentityModel.findById(identityKey('web', second.visitor.visitorId)).lean())?.contactId).toBe(target)
    const event = await Message.findOne({ conversationId: second.message.conversationId, type: 'event', 'metadata.event': 'contact.merged' }).lean<MessageDoc>()
    expect(event?.metadata?.fromContactId).toBe(source)
    expect(await AuditEvent.countDocuments({ action: 'contact.merge', 'target.id': target })).toBe(1)
    // Merging again is refused: the source is merged already.
    expect((await hub.api(`/api/contacts/${target}/merge`, { method: 'POST', token: supervisorToken, json: { sourceContactId: source } })).status).toBe(409)

    const reverted = await hub.api(`/api/contact-merges/${merge.id}/revert`, { method: 'POST', token: supervisorToken })
    expect(reverted.status).toBe(200)
    expect((await history(target)).conversations.map((conversation) => conversation.id)).toEqual([first.message.conversationId])
    expect((await history(source)).conversations.map((conversation) => conversation.id)).toEqual([second.message.conversationId])
    expect((await ContactIdentityModel.findById(identityKey('web', second.visitor.visitorId)).lean())?.contactId).toBe(source)
    expect((await Contact.findById(source).lean<ContactDoc>())?.mergedInto).toBeNull()
    expect((await Contact.findById(target).lean<ContactDoc>())?.identities).toHaveLength(1)
    expect(await AuditEvent.countDocuments({ action: 'contact.unmerge', 'target.id': target })).toBe(1)
    expect((await hub.api(`/api/contact-merges/${merge.id}/revert`, { method: 'POST', token: supervisorToken })).status).toBe(409)

    // The citizen keeps writing in their own conversation after the revert.
    const again = await second.visitor.say('还在吗？')
    expect(again.conversationId).toBe(second.message.conversationId)
  })

  it('shows an agent only the history it may see, and tags contacts for routing', async () => {
    const { message } = await citizen('标签测试')
    const contact = await contactOf(message.conversationId)
    const outsider = await hub.createUser('agent', ['housing'])
    const outsiderToken = await hub.login(outsider.email, outsider.password)
    expect((await history(contact, outsiderToken)).status).toBe(404)
    const tagged = await hub.api(`/api/contacts/${contact}/tags`, { method: 'POST', token: agentToken, json: { add: ['enterprise', 'elderly'], remove: [] } })
    expect(tagged.status).toBe(200)
    expect((await Contact.findById(contact).lean<ContactDoc>())?.tags).toEqual(['enterprise', 'elderly'])
  })
})

describe('queues and timeline details', () => {
  it('lists queues with names, and shows who did what in timeline events', async () => {
    const queues = (await (await hub.api('/api/routing/queues', { token: agentToken })).json()) as { queues: { id: string; mine: boolean }[] }
    expect(queues.queues).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'general', mine: true }), expect.objectContaining({ id: 'housing', mine: false })]),
    )
    const { message } = await citizen('转派详情')
    const supervisorMe = (await (await hub.api('/api/me', { token: supervisorToken })).json()) as { user: { id: string; name: string } }
    await hub.api(`/api/conversations/${message.conversationId}/assign`, { method: 'POST', token: supervisorToken, json: { assigneeId: supervisorMe.user.id } })
    const page = (await (await hub.api(`/api/conversations/${message.conversationId}/messages`, { token: agentToken })).json()) as { messages: MessageDto[] }
    const assigned = page.messages.find((item) => item.event?.name === 'conversation.assigned')
    expect(assigned?.event?.details).toEqual({ assigneeName: supervisorMe.user.name })
  })
})
