import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { isWebchatConnector } from '../../../connectors/webchat/index.js'
import type { HubContext } from '../../hub-context.js'
import { notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { errorResponses, jsonContent } from '../schemas.js'

const localized = z.record(z.string(), z.string())

const session = createRoute({
  method: 'post',
  path: '/api/widget/session',
  tags: ['widget'],
  summary: "Start or resume a citizen's widget session: validates the stored visitor token or issues a new one",
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ channelId: z.string().min(1).max(32), token: z.string().max(512).optional() }) } },
    },
  },
  responses: {
    200: jsonContent(
      z.object({
        token: z.string(),
        visitorId: z.string(),
        channel: z.object({ id: z.string(), title: localized, greeting: localized, maxMessageLength: z.number().int() }),
      }),
      'The session',
    ),
    400: errorResponses[400],
    404: errorResponses[404],
  },
})

export function widgetRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(session, (c) => {
    const body = c.req.valid('json')
    const channel = context.channels.get(body.channelId)
    if (!channel || !isWebchatConnector(channel.connector)) throw notFound('Webchat channel')
    const connector = channel.connector
    const check = body.token ? connector.verifyVisitorToken(body.token) : null
    // A valid token is re-issued for the same visitor (extending its life); anything else starts a new visitor.
    const issued = connector.issueVisitorToken(check?.ok ? check.visitorId : undefined)
    const config = connector.config
    return c.json(
      {
        token: issued.token,
        visitorId: issued.visitorId,
        channel: { id: channel.config.id, title: config.title, greeting: config.greeting, maxMessageLength: config.maxMessageLength },
      },
      200,
    )
  })
  return app
}
