/**
 * Provider ingress (`/webhooks/:channelId`) and the inbound worker: verify → durable
 * enqueue → acknowledge, then exactly-once ingestion however often a provider
 * redelivers or a worker retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InboundMessage } from '../../connectors/spec.js'
import { VISITOR_TOKEN_HEADER } from '../../connectors/webchat/webchat-connector.js'
import { Contact, ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation } from '../../server/models/conversation.js'
import { Message } from '../../server/models/message.js'
import { ingestInbound } from '../../server/pipeline/ingest-inbound.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'

let hub: TestHub

beforeAll(async () => {
  hub = await startTestHub()
})
afterAll(async () => {
  await hub?.stop()
})

async function newVisitorToken(): Promise<{ token: string; visitorId: string }> {
  const response = await hub.api('/api/widget/session', { method: 'POST', json: { channelId: 'web' } })
  expect(response.status).toBe(200)
  return (await response.json()) as { token: string; visitorId: string }
}

function postWebhook(token: string | null, body: string, channel = 'web'): Promise<Response> {
  return hub.api(`/webhooks/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [VISITOR_TOKEN_HEADER]: token } : {}) },
    body,
  })
}

async function inboundJobsSeen(): Promise<number> {
  const counts = await hub.hub.context.queues.inbound.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed')
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}

describe('webhook ingress', () => {
  it('stores a provider redelivery once: same message id twice → one message', async () => {
    const { token, visitorId } = await newVisitorToken()
    const body = JSON.stringify({ type: 'message', clientId: 'redelivered-0001', text: 'Is the library open on Sunday?' })
    expect((await postWebhook(token, body)).status).toBe(200)
    expect((await postWebhook(token, body)).status).toBe(200)

    const identity = await eventually(
      () => ContactIdentityModel.findById(identityKey('web', visitorId)).lean(),
      (value) => value !== null,
    )
    expect(identity).not.toBeNull()
    // Both jobs must have run before counting.
    await eventually(
      async () => (await hub.hub.context.queues.inbound.getJobCounts('waiting', 'active')) as Record<string, number>,
      (counts) => (counts.waiting ?? 0) + (counts.active ?? 0) === 0,
    )
    const conversations = await Conversation.find({ contactId: identity?.contactId }).limit(5).lean()
    expect(conversations).toHaveLength(1)
    expect(await Message.countDocuments({ conversationId: conversations[0]?._id })).toBe(1)
  })

  it('refuses a missing or forged token with 401, enqueues nothing and creates nothing', async () => {
    const jobsBefore = await inboundJobsSeen()
    const contactsBefore = await Contact.countDocuments({})
    const body = JSON.stringify({ type: 'message', clientId: 'forged-000001', text: 'spam' })
    for (const token of [null, 'AAAAAAAAAAAAAAAAAAAAAA.9999999999.forged-signature']) {
      const response = await postWebhook(token, body)
      expect(response.status).toBe(401)
      const error = ((await response.json()) as { error: { code: string } }).error
      expect(error.code).toMatch(/^visitor_token_/)
    }
    expect(await inboundJobsSeen()).toBe(jobsBefore)
    expect(await Contact.countDocuments({})).toBe(contactsBefore)
  })

  it('refuses malformed bodies (400), oversized ones (413) and unknown channels (404) without side effects', async () => {
    const { token } = await newVisitorToken()
    const jobsBefore = await inboundJobsSeen()
    const notJson = await postWebhook(token, '{"type":"message",')
    expect(notJson.status).toBe(400)
    const wrongShape = await postWebhook(token, JSON.stringify({ type: 'message', clientId: 'shape-00001' }))
    expect(wrongShape.status).toBe(400)
    const huge = await postWebhook(token, JSON.stringify({ type: 'message', clientId: 'huge-000001', text: 'x'.repeat(1_100_000) }))
    expect(huge.status).toBe(413)
    const unknown = await postWebhook(token, JSON.stringify({ type: 'message', clientId: 'nowhere-001', text: 'hi' }), 'no-such-channel')
    expect(unknown.status).toBe(404)
    expect(await inboundJobsSeen()).toBe(jobsBefore)
  })
})

describe('inbound worker', () => {
  it('ingests the same event once when two workers process it at the same time (a retry racing the original)', async () => {
    const channel = hub.hub.context.channels.get('web')
    if (!channel) throw new Error('no web channel')
    const event: InboundMessage = {
      kind: 'message',
      externalId: 'racer:client-000001',
      sender: { externalId: 'RaceVisitor000000000000', displayName: 'Visitor RACE' },
      type: 'text',
      text: 'Two workers, one message',
    }
    await Promise.all(Array.from({ length: 4 }, () => ingestInbound(hub.hub.context, channel, [event])))
    const stored = await Message.find({ channel: 'web', externalId: 'racer:client-000001' }).limit(5).lean()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.seq).toBe(1)
    expect(await ContactIdentityModel.countDocuments({ _id: identityKey('web', 'RaceVisitor000000000000') })).toBe(1)
  })
})
