/**
 * Admins edit routing in the inbox: a queue's assignment mode, no-answer time and required
 * skills (over channels.config.ts), and each user's queues, skills, capacity and all-queues
 * grant. Every change is audited and takes effect at the next dispatch.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { QueueSetting } from '../../models/queue-setting.js'
import { User, type UserDoc } from '../../models/user.js'
import { presentUser } from '../../presenters/present.js'
import { dispatchQueue } from '../../routing/dispatcher.js'
import { queueSettings } from '../../routing/queue-settings.js'
import { assignmentModeSchema } from '../../routing/routing-config.js'
import { ApiError, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent } from '../schemas.js'

const skill = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'skills are short lowercase names, e.g. english')
const idParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' } })

const QueueSettingsSchema = z.object({ id: z.string(), assignment: assignmentModeSchema, reassignAfterMinutes: z.number(), skills: z.array(z.string()) })
const putQueue = createRoute({
  method: 'put',
  path: '/api/admin/queues/{id}',
  tags: ['admin'],
  summary: "Change a queue's routing: assignment mode, minutes before reassigning an unanswered conversation (0: never), required skills",
  request: {
    params: z.object({ id: idParam('id') }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            assignment: assignmentModeSchema.optional(),
            reassignAfterMinutes: z.number().min(0).max(1440).optional(),
            skills: z.array(skill).max(20).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonContent(z.object({ queue: QueueSettingsSchema }), 'The queue’s settings now'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
})

const putUserRouting = createRoute({
  method: 'put',
  path: '/api/admin/users/{id}/routing',
  tags: ['admin'],
  summary: "Change a user's queues, skills, capacity per kind, and whether they see every queue",
  request: {
    params: z.object({ id: idParam('id') }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            queues: z.array(z.string().min(1).max(32)).max(50).optional(),
            skills: z.array(skill).max(20).optional(),
            capacity: z
              .object({
                chat: z.number().int().min(0).max(50).optional(),
                call: z.number().int().min(0).max(5).optional(),
                email: z.number().int().min(0).max(100).optional(),
              })
              .optional(),
            allQueues: z.boolean().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonContent(
      z.object({ user: z.object({ id: z.string(), queues: z.array(z.string()), skills: z.array(z.string()), allQueues: z.boolean() }).passthrough() }),
      'The user',
    ),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
})

export function adminRoutingRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/admin/queues/*', requireUser(context, ['admin']))
  app.use('/api/admin/users/*', requireUser(context, ['admin']))

  app.openapi(putQueue, async (c) => {
    const user = c.get('user')
    const { id } = c.req.valid('param')
    if (!context.config.queues.some((queue) => queue.id === id)) throw notFound('Queue')
    const changes = c.req.valid('json')
    const before = await queueSettings(context.config, id)
    await QueueSetting.updateOne({ _id: id }, { $set: { ...changes, updatedAt: context.now(), updatedBy: user._id } }, { upsert: true })
    const after = await queueSettings(context.config, id)
    if (!after) throw notFound('Queue')
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'queue.settings',
      target: { type: 'queue', id },
      details: { before, after },
      outcome: 'success',
      ip: clientIp(c),
    })
    // Switching a manual queue to automatic hands out what waits at once.
    if (after.assignment !== 'manual') await dispatchQueue(context, id)
    return c.json({ queue: after }, 200)
  })

  app.openapi(putUserRouting, async (c) => {
    const admin = c.get('user')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const unknown = (body.queues ?? []).filter((queue) => !context.config.queues.some((candidate) => candidate.id === queue))
    if (unknown.length > 0) throw new ApiError(400, 'unknown_queue', `No such queue: ${unknown.join(', ')}`)
    const before = await User.findById(id).lean<UserDoc>()
    if (!before) throw notFound('User')
    const capacity = body.capacity ? { ...before.capacity, ...body.capacity } : before.capacity
    await User.updateOne(
      { _id: id },
      {
        $set: {
          ...(body.queues ? { queues: body.queues } : {}),
          ...(body.skills ? { skills: body.skills } : {}),
          ...(capacity ? { capacity } : {}),
          ...(body.allQueues !== undefined ? { allQueues: body.allQueues } : {}),
          updatedAt: context.now(),
        },
      },
    )
    const after = (await User.findById(id).lean<UserDoc>()) as UserDoc
    await audit({
      actor: { type: 'user', id: admin._id, email: admin.email },
      action: 'user.routing',
      target: { type: 'user', id },
      details: {
        before: { queues: before.queues, skills: before.skills ?? [], capacity: before.capacity ?? null, allQueues: before.allQueues ?? false },
        after: { queues: after.queues, skills: after.skills ?? [], capacity: after.capacity ?? null, allQueues: after.allQueues ?? false },
      },
      outcome: 'success',
      ip: clientIp(c),
    })
    for (const queue of after.queues) await dispatchQueue(context, queue)
    return c.json({ user: { ...presentUser(after), skills: after.skills ?? [], capacity: after.capacity ?? {}, allQueues: after.allQueues ?? false } }, 200)
  })

  return app
}
