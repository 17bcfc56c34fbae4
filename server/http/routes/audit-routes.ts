/**
 * Reading the audit log: admins everything, supervisors the trail of a work order (every
 * transition, every read of a confidential case's personal data). The log is append-only: the
 * hub has no code path that changes or deletes an entry.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { HubContext } from '../../hub-context.js'
import { AuditEvent, type AuditEventDoc } from '../../models/audit-event.js'
import { forbidden } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent } from '../schemas.js'

const MAX_EVENTS = 200
/** What supervisors may read: the trail of cases they supervise. */
const SUPERVISOR_TARGETS = new Set(['work_order'])

const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ type: z.string(), id: z.string().optional(), email: z.string().optional() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  outcome: z.string(),
})

const list = createRoute({
  method: 'get',
  path: '/api/audit-events',
  tags: ['audit'],
  summary: 'Audit entries, newest first (admins: any; supervisors: a work order’s trail, with targetType=work_order and targetId)',
  request: {
    query: z.object({
      targetType: z.string().max(32).optional(),
      targetId: z.string().max(64).optional(),
      action: z.string().max(64).optional(),
      before: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_EVENTS).default(50),
    }),
  },
  responses: {
    200: jsonContent(z.object({ events: z.array(AuditEventSchema) }), 'The entries'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
})

export function auditRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/audit-events', requireUser(context, ['admin', 'supervisor']))
  app.openapi(list, async (c) => {
    const user = c.get('user')
    const query = c.req.valid('query')
    if (user.role !== 'admin' && !(query.targetType && SUPERVISOR_TARGETS.has(query.targetType) && query.targetId)) {
      throw forbidden('Supervisors read the audit trail of one work order (targetType=work_order&targetId=…)')
    }
    const filter: Record<string, unknown> = {}
    if (query.targetType) filter['target.type'] = query.targetType
    if (query.targetId) filter['target.id'] = query.targetId
    if (query.action) filter.action = query.action
    if (query.before) filter.at = { $lt: new Date(query.before) }
    const events = await AuditEvent.find(filter).sort({ at: -1 }).limit(query.limit).lean<AuditEventDoc[]>()
    return c.json(
      {
        events: events.map((event) => ({
          id: event._id,
          at: new Date(event.at).toISOString(),
          actor: { type: event.actor.type, ...(event.actor.id ? { id: event.actor.id } : {}), ...(event.actor.email ? { email: event.actor.email } : {}) },
          action: event.action,
          target: event.target ?? null,
          details: event.details ?? null,
          outcome: event.outcome,
        })),
      },
      200,
    )
  })
  return app
}
