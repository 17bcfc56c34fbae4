/**
 * The HTTP application: JSON API under /api (documented at /api/openapi.json),
 * provider webhooks under /webhooks, health checks, and the browser apps.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { HubContext } from '../hub-context.js'
import { open311Routes } from '../open311/open311-routes.js'
import { ApiError, validationFailed } from './api-error.js'
import type { AppEnv } from './app-env.js'
import { configureTrustedProxies } from './client-ip.js'
import { adminRoutes } from './routes/admin-routes.js'
import { adminRoutingRoutes } from './routes/admin-routing-routes.js'
import { auditRoutes } from './routes/audit-routes.js'
import { authRoutes } from './routes/auth-routes.js'
import { caseStatusRoutes } from './routes/case-status-routes.js'
import { contactRoutes } from './routes/contact-routes.js'
import { conversationRoutes } from './routes/conversation-routes.js'
import { inboxToolsRoutes } from './routes/inbox-tools-routes.js'
import { mediaRoutes } from './routes/media-routes.js'
import { routingRoutes } from './routes/routing-routes.js'
import { staticRoutes } from './routes/static-routes.js'
import { systemRoutes } from './routes/system-routes.js'
import { templateMessageRoutes } from './routes/template-message-routes.js'
import { voiceRoutes } from './routes/voice-routes.js'
import { webhookAdminRoutes } from './routes/webhook-admin-routes.js'
import { webhookRoutes } from './routes/webhook-routes.js'
import { widgetRoutes } from './routes/widget-routes.js'
import { workOrderRoutes } from './routes/work-order-routes.js'

export function createApp(context: HubContext, options: { distDir: string }) {
  configureTrustedProxies(context.env.TRUSTED_PROXY_HOPS)
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures use the same error shape as everything else.
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(result.error.issues)
    },
  })

  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, xFrameOptions: false, contentSecurityPolicy: undefined }))

  app.route('/', systemRoutes(context))
  app.route('/', authRoutes(context))
  // Before the conversation routes: /api/conversations/counts must not be read as a conversation id.
  app.route('/', inboxToolsRoutes(context))
  app.route('/', conversationRoutes(context))
  app.route('/', routingRoutes(context))
  app.route('/', contactRoutes(context))
  app.route('/', templateMessageRoutes(context))
  app.route('/', mediaRoutes(context))
  app.route('/', adminRoutes(context))
  app.route('/', adminRoutingRoutes(context))
  app.route('/', webhookAdminRoutes(context))
  app.route('/', voiceRoutes(context))
  app.route('/', widgetRoutes(context))
  app.route('/', workOrderRoutes(context))
  app.route('/', caseStatusRoutes(context))
  app.route('/', auditRoutes(context))
  app.route('/', webhookRoutes(context))
  app.route('/', open311Routes(context))
  app.route('/', staticRoutes(context, options.distDir))

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version: '1.0.0', description: 'Omnichannel hub for citizen-service hotlines' },
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'sb_session' })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404))

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status)
    if (error instanceof HTTPException) {
      // Hono raises these for unreadable bodies (malformed JSON) before validation runs.
      const code = error.status === 400 ? 'invalid_json' : 'http_error'
      return c.json({ error: { code, message: error.message || 'Bad request' } }, error.status)
    }
    context.log.error('unhandled error', { path: c.req.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side; try again' } }, 500)
  })
  return app
}
