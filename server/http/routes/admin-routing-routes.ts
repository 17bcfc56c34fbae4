/**
 * Admins edit routing in the inbox: a queue's assignment mode, no-answer time and required
 * skills (over channels.config.ts), and each user's queues, skills, capacity and all-queues
 * grant. Every change is audited and takes effect at the next dispatch. The two lists
 * (GET /api/admin/queues, GET /api/admin/users) are what the inbox's Settings view edits.
 * Admins also create users (POST /api/admin/users), department staff included.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { audit } from '../../auth/audit.js'
import { hashPassword } from '../../auth/passwords.js'
import type { HubConfig } from '../../config/hub-config-schema.js'
import type { HubContext } from '../../hub-context.js'
import { newId } from '../../models/new-id.js'
import { QueueSetting } from '../../models/queue-setting.js'
import { User, type UserDoc } from '../../models/user.js'
import { presentUser } from '../../presenters/present.js'
import { dispatchQueue } from '../../routing/dispatcher.js'
import { agentCapacity, allQueueSettings, queueSettings } from '../../routing/queue-settings.js'
import { assignmentModeSchema, CAPACITY_KINDS, type CapacityKind } from '../../routing/routing-config.js'
import { ApiError, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent, UserSchema } from '../schemas.js'

const skill = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'skills are short lowercase names, e.g. english')
const idParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' } })

/** Users listed at once; a hub with more staff than this needs a search in the Settings view. */
const MAX_USERS = 1000
/** An initial password the user is told out of band; long enough to resist guessing until they sign in. */
const MIN_PASSWORD_LENGTH = 12

const QueueSettingsSchema = z.object({ id: z.string(), assignment: assignmentModeSchema, reassignAfterMinutes: z.number(), skills: z.array(z.string()) })
const CapacitySchema = z.object({ chat: z.number(), call: z.number(), email: z.number() })
const RoutingUserSchema = UserSchema.extend({
  skills: z.array(z.string()),
  /** What the user carries at once per kind: their own setting, else the hub's default. */
  capacity: CapacitySchema,
  allQueues: z.boolean(),
  active: z.boolean(),
}).openapi('RoutingUser')

const listQueues = createRoute({
  method: 'get',
  path: '/api/admin/queues',
  tags: ['admin'],
  summary: "Every queue with its names and routing settings in effect (channels.config.ts with admins' changes on top); admins only",
  responses: {
    200: jsonContent(z.object({ queues: z.array(QueueSettingsSchema.extend({ name: z.record(z.string(), z.string()) })) }), 'The queues, in config order'),
    401: errorResponses[401],
    403: errorResponses[403],
  },
})

const listUsers = createRoute({
  method: 'get',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: `Every user (at most ${MAX_USERS}, by name) with their queues, skills, capacity per kind and all-queues grant; admins only`,
  responses: {
    200: jsonContent(
      z.object({ users: z.array(RoutingUserSchema), defaultCapacity: CapacitySchema, truncated: z.boolean() }),
      "The users; defaultCapacity is the hub's capacity for users without their own",
    ),
    401: errorResponses[401],
    403: errorResponses[403],
  },
})
const createUser = createRoute({
  method: 'post',
  path: '/api/admin/users',
  tags: ['admin'],
  summary:
    'Create a user: hotline staff (admin, supervisor, agent, with queues) or department staff (role department, with a department declared under workOrders.departments); admins only; audited',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            email: z.email().max(254),
            name: z.string().trim().min(1).max(100),
            role: z.enum(['admin', 'supervisor', 'agent', 'department']),
            /** Required for role department, refused for the others. */
            department: z.string().min(1).max(32).optional(),
            queues: z.array(z.string().min(1).max(32)).max(50).optional(),
            language: z.enum(['zh-CN', 'en']).default('zh-CN'),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
          }),
        },
      },
    },
  },
  responses: {
    201: jsonContent(z.object({ user: RoutingUserSchema }), 'The new user'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    409: errorResponses[409],
  },
})

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
    200: jsonContent(z.object({ user: RoutingUserSchema }), 'The user'),
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

  app.openapi(listQueues, async (c) => c.json({ queues: await allQueueSettings(context.config) }, 200))

  app.openapi(listUsers, async (c) => {
    const users = await User.find({})
      .sort({ name: 1, _id: 1 })
      .limit(MAX_USERS + 1)
      .lean<UserDoc[]>()
    return c.json(
      {
        users: users.slice(0, MAX_USERS).map((user) => presentRoutingUser(context.config, user)),
        defaultCapacity: context.config.routing.capacity,
        truncated: users.length > MAX_USERS,
      },
      200,
    )
  })

  app.openapi(createUser, async (c) => {
    const admin = c.get('user')
    const body = c.req.valid('json')
    const email = body.email.trim().toLowerCase()
    const department = body.role === 'department' ? body.department : undefined
    if (body.role === 'department' && !context.config.workOrders.departments.some((candidate) => candidate.id === body.department)) {
      throw new ApiError(
        400,
        'unknown_department',
        body.department ? `No department "${body.department}" (workOrders.departments)` : 'Department staff need a department',
      )
    }
    if (body.role !== 'department' && body.department) throw new ApiError(400, 'invalid_department', 'Only department staff belong to a department')
    if (body.role === 'department' && (body.queues ?? []).length > 0) throw new ApiError(400, 'invalid_queues', 'Department staff work no queues')
    const unknown = (body.queues ?? []).filter((queue) => !context.config.queues.some((candidate) => candidate.id === queue))
    if (unknown.length > 0) throw new ApiError(400, 'unknown_queue', `No such queue: ${unknown.join(', ')}`)
    // Checked first as well: FerretDB does not always report a unique-index clash as 11000.
    if (await User.exists({ email })) throw new ApiError(409, 'email_taken', 'A user with this email exists')
    const now = context.now()
    const doc: UserDoc = {
      _id: newId('usr'),
      email,
      name: body.name,
      role: body.role,
      queues: body.queues ?? [],
      department: department ?? null,
      language: body.language,
      passwordHash: await hashPassword(body.password),
      active: true,
      createdAt: now,
      updatedAt: now,
    }
    try {
      await User.collection.insertOne(doc as never)
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) throw new ApiError(409, 'email_taken', 'A user with this email exists')
      throw error
    }
    await audit({
      actor: { type: 'user', id: admin._id, email: admin.email },
      action: 'user.create',
      target: { type: 'user', id: doc._id },
      details: { email, role: doc.role, queues: doc.queues, ...(department ? { department } : {}) },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ user: presentRoutingUser(context.config, doc) }, 201)
  })

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
    return c.json({ user: presentRoutingUser(context.config, after) }, 200)
  })

  return app
}

function presentRoutingUser(config: Pick<HubConfig, 'routing'>, doc: UserDoc) {
  const capacity = Object.fromEntries(CAPACITY_KINDS.map((kind) => [kind, agentCapacity(config, doc, kind)])) as Record<CapacityKind, number>
  return { ...presentUser(doc), skills: doc.skills ?? [], capacity, allQueues: doc.allQueues ?? false, active: doc.active }
}
