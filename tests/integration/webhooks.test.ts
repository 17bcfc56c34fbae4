/**
 * Signed outbound webhooks on real Redis + FerretDB, delivered to a local receiver that checks
 * every signature with its own implementation of the scheme in README.md ("Webhooks"): retries
 * with backoff until a 2xx, 410 stops, a redelivery through the admin API keeps the delivery id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEvent } from '../../server/models/audit-event.js'
import { publishWebhookEvent, WebhookDelivery, type WebhookDeliveryDoc } from '../../server/webhooks/index.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const SECRET_ENV = 'SB_TEST_OA_WEBHOOK_SECRET'
const secret = 'integration-test-webhook-secret-7f3a'

interface Received {
  path: string
  deliveryId: string
  eventType: string
  body: unknown
  verified: boolean
}

/** The department's OA system: verifies, then answers by path (/flaky: 500 twice per delivery, then 200; /gone: 410). */
function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8')
      const deliveryId = String(request.headers['x-switchboard-delivery'] ?? '')
      const verified = verifySignature(request.headers, rawBody)
      received.push({
        path: request.url ?? '',
        deliveryId,
        eventType: String(request.headers['x-switchboard-event'] ?? ''),
        body: JSON.parse(rawBody),
        verified,
      })
      if (!verified) return void response.writeHead(401).end()
      const seen = received.filter((entry) => entry.path === request.url && entry.deliveryId === deliveryId).length
      if (request.url === '/gone') return void response.writeHead(410).end()
      response.writeHead(seen <= 2 ? 500 : 200).end()
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  )
}

/** From the README: v1 = hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`); refuse timestamps older than 5 minutes. */
function verifySignature(headers: IncomingHttpHeaders, rawBody: string): boolean {
  const timestamp = String(headers['x-switchboard-timestamp'] ?? '')
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`)
  const given = Buffer.from(String(headers['x-switchboard-signature'] ?? ''))
  return given.length === expected.length && timingSafeEqual(given, expected)
}

let hub: TestHub
let receiver: Awaited<ReturnType<typeof startReceiver>>
let adminToken: string
const occurredAt = new Date('2026-11-23T08:00:00Z')
const event = {
  id: 'woh_integration_1',
  type: 'work_order.created',
  occurredAt,
  data: { workOrder: { id: 'wo_1', number: '2026-000123', status: 'registered' } },
  departments: ['housing-bureau'],
}

beforeAll(async () => {
  receiver = await startReceiver()
  process.env[SECRET_ENV] = secret
  const retry = { attempts: 5, initialDelayMs: 50 }
  hub = await startTestHub({
    config: {
      ...testConfig,
      webhooks: [
        { id: 'oa-flaky', url: `${receiver.url}/flaky`, secretEnv: SECRET_ENV, events: ['work_order.*'], retry },
        { id: 'oa-gone', url: `${receiver.url}/gone`, secretEnv: SECRET_ENV, events: ['work_order.created'], departments: ['housing-bureau'], retry },
      ],
    },
  })
  adminToken = await hub.login('admin@test.local', 'admin-password-123')
})
afterAll(async () => {
  await hub?.stop()
  await receiver?.close()
  delete process.env[SECRET_ENV]
})

const delivery = (id: string) => WebhookDelivery.findById(id).lean<WebhookDeliveryDoc>()
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('outbound webhooks', () => {
  let flakyId = ''
  let goneId = ''

  it('retries a failing receiver with backoff until it answers 2xx; 410 stops at once', async () => {
    const ids = await publishWebhookEvent(hub.hub.context, event)
    expect(ids).toHaveLength(2)
    ;[flakyId = '', goneId = ''] = ids

    const flaky = await eventually(
      () => delivery(flakyId),
      (doc) => doc?.status === 'succeeded',
    )
    expect(flaky?.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200])
    expect(flaky?.nextAttemptAt).toBeNull()
    // Exponential backoff from the endpoint's 50 ms: the second wait is at least twice the first's base.
    const times = flaky?.attempts.map((attempt) => new Date(attempt.at).getTime()) ?? []
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(50)
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(100)
    const gone = await eventually(
      () => delivery(goneId),
      (doc) => doc?.status === 'failed',
    )
    expect(gone?.attempts.map((attempt) => attempt.statusCode)).toEqual([410])

    await pause(400)
    const toFlaky = receiver.received.filter((entry) => entry.path === '/flaky')
    expect(toFlaky).toHaveLength(3)
    expect(receiver.received.filter((entry) => entry.path === '/gone')).toHaveLength(1)
    expect(receiver.received.every((entry) => entry.verified)).toBe(true)
    expect(new Set(toFlaky.map((entry) => entry.deliveryId))).toEqual(new Set([flakyId]))
    expect(toFlaky[0]).toMatchObject({
      eventType: 'work_order.created',
      body: { id: event.id, type: 'work_order.created', occurredAt: '2026-11-23T08:00:00.000Z', data: event.data },
    })
  })

  it('delivers an event published twice once, and filters by department', async () => {
    const before = receiver.received.length
    expect(await publishWebhookEvent(hub.hub.context, event)).toEqual([flakyId, goneId])
    expect(await WebhookDelivery.countDocuments({ eventId: event.id })).toBe(2)

    const other = await publishWebhookEvent(hub.hub.context, { ...event, id: 'woh_integration_2', type: 'work_order.signed', departments: ['water'] })
    expect(other).toHaveLength(1)
    await eventually(
      async () => (other[0] ? delivery(other[0]) : null),
      (doc) => doc?.status === 'succeeded',
    )
    await pause(200)
    expect(receiver.received.slice(before).every((entry) => entry.path === '/flaky' && entry.deliveryId === other[0])).toBe(true)
  })

  it('shows endpoints (never secrets) and the delivery log to admins', async () => {
    const endpoints = await hub.api('/api/admin/webhooks', { token: adminToken })
    expect(endpoints.status).toBe(200)
    const text = await endpoints.text()
    expect(text).not.toContain(secret)
    expect(JSON.parse(text)).toMatchObject({
      endpoints: [
        { id: 'oa-flaky', secretEnv: SECRET_ENV },
        { id: 'oa-gone', departments: ['housing-bureau'] },
      ],
    })

    const list = await hub.api('/api/admin/webhooks/deliveries?endpoint=oa-flaky&limit=10', { token: adminToken })
    expect(list.status).toBe(200)
    const { deliveries } = (await list.json()) as { deliveries: { id: string; eventType: string; attemptCount: number; status: string }[] }
    expect(deliveries.map((entry) => entry.eventType)).toEqual(['work_order.signed', 'work_order.created'])
    expect(deliveries[1]).toMatchObject({ id: flakyId, status: 'succeeded', attemptCount: 3 })
    const failed = (await (await hub.api('/api/admin/webhooks/deliveries?status=failed', { token: adminToken })).json()) as { deliveries: { id: string }[] }
    expect(failed.deliveries.map((entry) => entry.id)).toEqual([goneId])
    expect((await hub.api('/api/admin/webhooks/deliveries?limit=201', { token: adminToken })).status).toBe(400)

    const detail = await hub.api(`/api/admin/webhooks/deliveries/${flakyId}`, { token: adminToken })
    expect(detail.status).toBe(200)
    const { delivery: shown } = (await detail.json()) as { delivery: { payload: unknown; attempts: { statusCode?: number; durationMs: number }[] } }
    expect(shown.payload).toEqual({ id: event.id, type: event.type, occurredAt: '2026-11-23T08:00:00.000Z', data: event.data })
    expect(shown.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200])
    expect((await hub.api('/api/admin/webhooks/deliveries/dlv_nope', { token: adminToken })).status).toBe(404)
  })

  it('redelivers with the same delivery id, appends to the same log, and audits it', async () => {
    const before = receiver.received.length
    const response = await hub.api(`/api/admin/webhooks/deliveries/${flakyId}/redeliver`, { method: 'POST', token: adminToken })
    expect(response.status).toBe(202)
    const redelivered = await eventually(
      () => delivery(flakyId),
      (doc) => doc?.status === 'succeeded' && doc.attempts.length === 4,
    )
    expect(redelivered?.redeliveries).toBe(1)
    const again = receiver.received.slice(before)
    expect(again).toHaveLength(1)
    expect(again[0]).toMatchObject({ path: '/flaky', deliveryId: flakyId, verified: true })
    expect(await AuditEvent.countDocuments({ action: 'webhook.redeliver', 'target.id': flakyId })).toBe(1)

    const unknown = await hub.api('/api/admin/webhooks/deliveries/dlv_nope/redeliver', { method: 'POST', token: adminToken })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'Delivery not found' } })
  })

  it('refuses everyone but admins', async () => {
    const supervisor = await hub.createUser('supervisor')
    const token = await hub.login(supervisor.email, supervisor.password)
    const calls: [string, string][] = [
      ['GET', '/api/admin/webhooks'],
      ['GET', '/api/admin/webhooks/deliveries'],
      ['GET', `/api/admin/webhooks/deliveries/${flakyId}`],
      ['POST', `/api/admin/webhooks/deliveries/${flakyId}/redeliver`],
    ]
    for (const [method, path] of calls) {
      const refused = await hub.api(path, { method, token })
      expect(refused.status, `${method} ${path}`).toBe(403)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden')
      expect((await hub.api(path, { method })).status).toBe(401)
    }
    expect((await delivery(flakyId))?.redeliveries).toBe(1)
  })

  it('documents the admin routes in the OpenAPI document', async () => {
    const document = (await (await hub.api('/api/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/webhooks',
        '/api/admin/webhooks/deliveries',
        '/api/admin/webhooks/deliveries/{id}',
        '/api/admin/webhooks/deliveries/{id}/redeliver',
      ]),
    )
  })
})
