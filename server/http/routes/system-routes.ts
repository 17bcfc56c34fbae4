import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { HubContext } from '../../hub-context.js'
import { pingMongo } from '../../infra/mongo.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent } from '../schemas.js'

const CapabilitiesSchema = z.object({
  messageTypes: z.array(z.enum(['text', 'image', 'file', 'audio', 'video', 'location', 'event'])),
  typingIndicator: z.boolean(),
  deliveryReceipts: z.boolean(),
  readReceipts: z.boolean(),
  replyWindowHours: z.number().nullable(),
  maxTextLength: z.number().int(),
  templates: z.boolean().optional(),
})

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['system'],
  summary: 'The process is up',
  responses: { 200: jsonContent(z.object({ status: z.literal('ok') }), 'Up') },
})

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['system'],
  summary: 'The database and Redis answer',
  responses: {
    200: jsonContent(z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }), 'Ready'),
    503: jsonContent(z.object({ status: z.literal('unavailable'), checks: z.record(z.string(), z.string()) }), 'A dependency does not answer'),
  },
})

const channels = createRoute({
  method: 'get',
  path: '/api/channels',
  tags: ['channels'],
  summary: 'Configured channels (for filters and capability checks)',
  responses: {
    200: jsonContent(
      z.object({ channels: z.array(z.object({ id: z.string(), type: z.string(), name: z.string(), queue: z.string(), capabilities: CapabilitiesSchema })) }),
      'Channels',
    ),
    401: errorResponses[401],
  },
})

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))])
    return 'ok'
  } catch (error) {
    return error instanceof Error ? error.message : 'failed'
  }
}

export function systemRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(readyz, async (c) => {
    const checks = { mongodb: await check(pingMongo), redis: await check(() => context.redis.ping()) }
    const ready = Object.values(checks).every((value) => value === 'ok')
    return ready ? c.json({ status: 'ready' as const, checks }, 200) : c.json({ status: 'unavailable' as const, checks }, 503)
  })
  app.use('/api/channels', requireUser(context))
  app.openapi(channels, (c) =>
    c.json(
      {
        channels: [...context.channels.values()].map(({ config, connector }) => ({
          id: config.id,
          type: connector.type,
          name: config.name,
          queue: config.queue,
          capabilities: { ...connector.capabilities, messageTypes: [...connector.capabilities.messageTypes] },
        })),
      },
      200,
    ),
  )
  return app
}
