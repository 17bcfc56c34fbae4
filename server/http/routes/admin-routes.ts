/** Admin views of the running hub. `GET /api/admin/channel-status`: each channel's connection state. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { hasRole } from '../../auth/access.js'
import { readChannelStatuses } from '../../channels/channel-status.js'
import type { HubContext } from '../../hub-context.js'
import { forbidden } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent } from '../schemas.js'

const ChannelStatusSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    /** `webhook`: the provider calls the hub, there is no connection to watch. */
    state: z.enum(['starting', 'waiting_for_login', 'online', 'offline', 'error', 'webhook']),
    detail: z.string().optional(),
    qrCode: z.string().optional(),
    account: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .openapi('ChannelStatus')

const channelStatus = createRoute({
  method: 'get',
  path: '/api/admin/channel-status',
  tags: ['admin'],
  summary: 'Connection state of every channel (login QR codes of Wechaty bridges included); admins only',
  responses: {
    200: jsonContent(z.object({ channels: z.array(ChannelStatusSchema) }), 'One entry per configured channel'),
    401: errorResponses[401],
    403: errorResponses[403],
  },
})

export function adminRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/admin/*', requireUser(context))
  app.openapi(channelStatus, async (c) => {
    if (!hasRole(c.get('user'), ['admin'])) throw forbidden('Only admins see channel connections')
    const statuses = await readChannelStatuses(context.redis)
    const channels = [...context.channels.values()].map(({ config, connector }) => {
      const base = { id: config.id, name: config.name, type: connector.type }
      if (typeof connector.listen !== 'function') return { ...base, state: 'webhook' as const }
      const stored = statuses.get(config.id)
      if (!stored) return { ...base, state: 'offline' as const, detail: 'No worker has started this channel yet' }
      return {
        ...base,
        state: stored.state,
        updatedAt: stored.updatedAt,
        ...(stored.detail ? { detail: stored.detail } : {}),
        ...(stored.qrCode ? { qrCode: stored.qrCode } : {}),
        ...(stored.account ? { account: stored.account } : {}),
      }
    })
    return c.json({ channels }, 200)
  })
  return app
}
