/**
 * Admins look after outbound webhooks: the configured endpoints (never their secrets), the
 * delivery log with every attempt, and redelivery of a finished delivery (audited).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { DELIVERY_STATUSES, presentDelivery, presentDeliverySummary, redeliverWebhook, WebhookDelivery, type WebhookDeliveryDoc } from '../../webhooks/index.js'
import { ApiError, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent } from '../schemas.js'

const MAX_DELIVERIES = 200
/** Every route here answers these to anyone not signed in as an admin. */
const adminOnly = { 401: errorResponses[401], 403: errorResponses[403] }
const isoDate = z.string().openapi({ format: 'date-time' })

const EndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    departments: z.array(z.string()).optional(),
    /** The NAME of the variable holding the secret; the secret itself is never shown. */
    secretEnv: z.string(),
    retry: z.object({ attempts: z.number().int(), initialDelayMs: z.number().int() }),
    timeoutMs: z.number().int(),
  })
  .openapi('WebhookEndpoint')

const AttemptSchema = z
  .object({ at: isoDate, statusCode: z.number().int().optional(), error: z.string().optional(), durationMs: z.number() })
  .openapi('WebhookDeliveryAttempt')

const DeliverySummarySchema = z
  .object({
    id: z.string().openapi({ description: 'Also the X-Switchboard-Delivery header receivers dedupe on' }),
    endpoint: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attemptCount: z.number().int(),
    lastAttempt: AttemptSchema.nullable(),
    nextAttemptAt: isoDate.nullable(),
    redeliveries: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .openapi('WebhookDeliverySummary')

const DeliverySchema = DeliverySummarySchema.extend({
  payload: z.unknown().openapi({ description: 'The body sent: { id, type, occurredAt, data }' }),
  attempts: z.array(AttemptSchema),
}).openapi('WebhookDelivery')

const deliveryIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

const listEndpoints = createRoute({
  method: 'get',
  path: '/api/admin/webhooks',
  tags: ['admin', 'webhooks'],
  summary: 'The outbound webhook endpoints in channels.config.ts (secrets never shown); admins only',
  responses: {
    200: jsonContent(z.object({ endpoints: z.array(EndpointSchema) }), 'The endpoints, in config order'),
    ...adminOnly,
  },
})

const listDeliveries = createRoute({
  method: 'get',
  path: '/api/admin/webhooks/deliveries',
  tags: ['admin', 'webhooks'],
  summary: `The delivery log, newest first (at most ${MAX_DELIVERIES}), by endpoint and status; admins only`,
  request: {
    query: z.object({
      endpoint: z.string().min(1).max(32).optional(),
      status: z.enum(DELIVERY_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_DELIVERIES).default(50),
    }),
  },
  responses: {
    200: jsonContent(z.object({ deliveries: z.array(DeliverySummarySchema) }), 'The deliveries'),
    400: errorResponses[400],
    ...adminOnly,
  },
})

const getDelivery = createRoute({
  method: 'get',
  path: '/api/admin/webhooks/deliveries/{id}',
  tags: ['admin', 'webhooks'],
  summary: 'One delivery with its payload and every attempt (time, HTTP status or error, duration); admins only',
  request: { params: deliveryIdParam },
  responses: {
    200: jsonContent(z.object({ delivery: DeliverySchema }), 'The delivery'),
    ...adminOnly,
    404: errorResponses[404],
  },
})

const redeliver = createRoute({
  method: 'post',
  path: '/api/admin/webhooks/deliveries/{id}/redeliver',
  tags: ['admin', 'webhooks'],
  summary: 'Send a succeeded or failed delivery again, with the same delivery id and body and a fresh round of retries; admins only',
  request: { params: deliveryIdParam },
  responses: {
    202: jsonContent(z.object({ delivery: DeliverySummarySchema }), 'Queued; its attempts are appended to the same log'),
    ...adminOnly,
    404: errorResponses[404],
    409: errorResponses[409],
  },
})

export function webhookAdminRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/admin/webhooks/*', requireUser(context, ['admin']))

  app.openapi(listEndpoints, (c) => {
    const endpoints = context.config.webhooks.map((endpoint) => ({
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      ...(endpoint.departments ? { departments: endpoint.departments } : {}),
      secretEnv: endpoint.secretEnv,
      retry: endpoint.retry,
      timeoutMs: endpoint.timeoutMs,
    }))
    return c.json({ endpoints }, 200)
  })

  app.openapi(listDeliveries, async (c) => {
    const { endpoint, status, limit } = c.req.valid('query')
    const deliveries = await WebhookDelivery.find({ ...(endpoint ? { endpoint } : {}), ...(status ? { status } : {}) }, { body: 0 })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<Omit<WebhookDeliveryDoc, 'body'>[]>()
    return c.json({ deliveries: deliveries.map(presentDeliverySummary) }, 200)
  })

  app.openapi(getDelivery, async (c) => {
    const delivery = await WebhookDelivery.findById(c.req.valid('param').id).lean<WebhookDeliveryDoc>()
    if (!delivery) throw notFound('Delivery')
    return c.json({ delivery: presentDelivery(delivery) }, 200)
  })

  app.openapi(redeliver, async (c) => {
    const user = c.get('user')
    const { id } = c.req.valid('param')
    const result = await redeliverWebhook(context, id)
    if (!result.ok && result.reason === 'not_found') throw notFound('Delivery')
    if (!result.ok && result.reason === 'in_progress')
      throw new ApiError(409, 'delivery_in_progress', 'This delivery is still being tried; wait until it succeeds or fails')
    if (!result.ok) throw new ApiError(409, 'endpoint_not_configured', 'The endpoint of this delivery is no longer in channels.config.ts')
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'webhook.redeliver',
      target: { type: 'webhook_delivery', id },
      details: { endpoint: result.delivery.endpoint, eventType: result.delivery.eventType, redelivery: result.delivery.redeliveries },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ delivery: presentDeliverySummary(result.delivery) }, 202)
  })

  return app
}
