/**
 * The citizen's own status lookup, without signing in (the widget's "Check a case" form): the
 * case number tells the state; the details only with the widget identity that filed it or the
 * last four digits of the phone number given. Budgeted per address, since anyone may ask.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { isWebchatConnector } from '../../../connectors/webchat/index.js'
import type { HubContext } from '../../hub-context.js'
import { takeFromBudget } from '../../infra/redis-rate-limit.js'
import { statusText } from '../../work-orders/citizen-texts.js'
import { STATUS_TEXT } from '../../work-orders/lifecycle-states.js'
import { lookupCase } from '../../work-orders/status-lookup.js'
import { ApiError, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { errorResponses, jsonContent } from '../schemas.js'

const LOOKUPS_PER_WINDOW = 30
const WINDOW_SECONDS = 900

const caseStatus = createRoute({
  method: 'post',
  path: '/api/case-status',
  tags: ['citizens'],
  summary: "A case's status by its number; details with the filing widget identity or the phone's last four digits",
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            number: z.string().trim().min(6).max(32),
            check: z
              .string()
              .regex(/^\d{4}$/, 'the last four digits of the phone number')
              .optional(),
            /** The widget's channel and visitor token, when asked from the widget. */
            channelId: z.string().max(32).optional(),
            token: z.string().max(512).optional(),
            language: z.string().max(16).default('zh-CN'),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonContent(
      z.object({ number: z.string(), status: z.string(), statusLabel: z.record(z.string(), z.string()), text: z.string(), verified: z.boolean() }),
      'The status',
    ),
    400: errorResponses[400],
    404: errorResponses[404],
    429: errorResponses[429],
  },
})

export function caseStatusRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(caseStatus, async (c) => {
    if (!(await takeFromBudget(context.redis, `case-status:${clientIp(c)}`, LOOKUPS_PER_WINDOW, WINDOW_SECONDS))) {
      throw new ApiError(429, 'too_many_lookups', 'Too many lookups from this address; try again in a few minutes')
    }
    const body = c.req.valid('json')
    const channel = body.channelId ? context.channels.get(body.channelId) : undefined
    const visitor = channel && body.token && isWebchatConnector(channel.connector) ? channel.connector.verifyVisitorToken(body.token) : null
    const asker = channel && visitor?.ok ? { channel: channel.config.id, externalId: visitor.visitorId } : null
    const found = await lookupCase(context, body.number, asker, body.check ?? null)
    if (!found.found) throw notFound('Case')
    return c.json(
      {
        number: found.order.number,
        status: found.order.status,
        statusLabel: STATUS_TEXT[found.order.status],
        text: statusText(context.config, found.order, body.language, found.verified),
        verified: found.verified,
      },
      200,
    )
  })
  return app
}
