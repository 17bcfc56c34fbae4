/**
 * Routing from the inbox: an agent's presence, transfers to a colleague or another queue, and
 * the supervisors' wallboard (the line per queue, the longest wait, agents by state and load).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { canAccessConversation, hasRole, seesAllQueues } from '../../auth/access.js'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { User, type UserDoc } from '../../models/user.js'
import { updateConversation } from '../../pipeline/conversation-actions.js'
import { sendAgentReply } from '../../pipeline/send-agent-reply.js'
import { recordTimelineEvent } from '../../pipeline/timeline-event.js'
import { presentConversation } from '../../presenters/present.js'
import { scheduleReassignCheck } from '../../routing/dispatcher.js'
import { setPresence } from '../../routing/presence.js'
import { agentCapacity, queueMembers, queueSettings } from '../../routing/queue-settings.js'
import { afterConversationChange } from '../../routing/routing-actions.js'
import { CAPACITY_KINDS } from '../../routing/routing-config.js'
import { createRoutingState } from '../../routing/routing-state.js'
import { refreshSla } from '../../sla/sla-tracking.js'
import { ApiError, forbidden } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { ConversationSchema, errorResponses, jsonContent } from '../schemas.js'
import { visibleConversation } from '../visible-conversation.js'

const presenceSchema = z.enum(['online', 'away', 'offline'])
const MAX_NOTE = 4000

const putPresence = createRoute({
  method: 'put',
  path: '/api/me/presence',
  tags: ['routing'],
  summary: 'Go online (receive conversations), away (keep yours, get no new ones) or offline. Repeat every 20 s as a heartbeat.',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ presence: presenceSchema }) } } } },
  responses: { 200: jsonContent(z.object({ presence: presenceSchema }), 'Your presence'), 400: errorResponses[400], 401: errorResponses[401] },
})

const transfer = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/transfer',
  tags: ['routing'],
  summary: 'Hand the conversation to a colleague or another queue, with an internal note for them',
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              toAgentId: z.string().min(1).max(64).optional(),
              toQueue: z.string().min(1).max(64).optional(),
              note: z.string().trim().max(MAX_NOTE).optional(),
            })
            .refine((body) => (body.toAgentId === undefined) !== (body.toQueue === undefined), 'give exactly one of toAgentId and toQueue'),
        },
      },
    },
  },
  responses: {
    200: jsonContent(z.object({ conversation: ConversationSchema }), 'The conversation after the transfer'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
})

const AgentLoadSchema = z.object({
  id: z.string(),
  name: z.string(),
  presence: presenceSchema,
  load: z.object({ chat: z.number(), call: z.number(), email: z.number() }),
  capacity: z.object({ chat: z.number(), call: z.number(), email: z.number() }),
})
const wallboard = createRoute({
  method: 'get',
  path: '/api/routing/wallboard',
  tags: ['routing'],
  summary: 'Per queue: conversations waiting, the longest wait, and its agents by state and load (supervisors and admins)',
  responses: {
    200: jsonContent(
      z.object({
        queues: z.array(
          z.object({
            id: z.string(),
            assignment: z.string(),
            waiting: z.number(),
            longestWaitSeconds: z.number().nullable(),
            agents: z.array(AgentLoadSchema),
          }),
        ),
      }),
      'The wallboard',
    ),
    401: errorResponses[401],
    403: errorResponses[403],
  },
})

const agents = createRoute({
  method: 'get',
  path: '/api/routing/agents',
  tags: ['routing'],
  summary: 'The agents of a queue you work, with their presence (to pick a transfer target)',
  request: { query: z.object({ queue: z.string().min(1).max(32) }) },
  responses: {
    200: jsonContent(z.object({ agents: z.array(z.object({ id: z.string(), name: z.string(), presence: presenceSchema })) }), 'The queue’s agents'),
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const queues = createRoute({
  method: 'get',
  path: '/api/routing/queues',
  tags: ['routing'],
  summary: 'Every queue with its names (transfer targets, filters), and whether you work it',
  responses: {
    200: jsonContent(
      z.object({ queues: z.array(z.object({ id: z.string(), name: z.record(z.string(), z.string()), assignment: z.string(), mine: z.boolean() })) }),
      'The queues',
    ),
    401: errorResponses[401],
  },
})

export function routingRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/me/presence', requireUser(context))
  app.use('/api/conversations/:id/transfer', requireUser(context))
  app.use('/api/routing/wallboard', requireUser(context, ['supervisor', 'admin']))
  app.use('/api/routing/agents', requireUser(context))
  app.use('/api/routing/queues', requireUser(context))

  app.openapi(putPresence, async (c) => {
    const user = c.get('user')
    const { presence } = c.req.valid('json')
    await setPresence(context, user, presence)
    return c.json({ presence }, 200)
  })

  app.openapi(transfer, async (c) => {
    const user = c.get('user')
    const before = await visibleConversation(user, c.req.valid('param').id)
    const body = c.req.valid('json')
    // The assignee passes it on; supervisors and admins move anything they see; an agent may pass on an unassigned one of their queue.
    if (!seesAllQueues(user) && !hasRole(user, ['supervisor']) && before.assigneeId !== user._id && before.assigneeId !== null) {
      throw forbidden('Only the assignee or a supervisor can transfer this conversation')
    }
    let target: UserDoc | null = null
    if (body.toAgentId) {
      target = await User.findById(body.toAgentId).lean<UserDoc>()
      if (!target?.active) throw new ApiError(400, 'unknown_agent', 'No active user has that id')
      if (!canAccessConversation(target, { queue: before.queue, assigneeId: null })) {
        throw new ApiError(400, 'agent_not_in_queue', `${target.name} does not work the ${before.queue} queue: transfer to the queue, or add them to it`)
      }
    }
    if (body.toQueue && !context.config.queues.some((queue) => queue.id === body.toQueue))
      throw new ApiError(400, 'unknown_queue', `There is no queue "${body.toQueue}"`)

    if (body.note) {
      await sendAgentReply(context, { conversation: before, author: user, clientId: `transfer-note-${Date.now()}`, body: body.note, private: true })
    }
    const now = context.now()
    const after = await updateConversation(context, before._id, () =>
      target
        ? { assigneeId: target._id, assigneeName: target.name, assignedAt: now, previousAssigneeId: null }
        : { queue: body.toQueue as string, assigneeId: null, assigneeName: null, assignedAt: null, previousAssigneeId: null },
    )
    if (!after) throw new ApiError(404, 'not_found', 'Conversation not found')
    await recordTimelineEvent(context, after, {
      name: 'conversation.transferred',
      actor: { id: user._id, name: user.name },
      text: target ? `${user.name} transferred it to ${target.name}` : `${user.name} transferred it to the ${after.queue} queue`,
      details: {
        fromId: before.assigneeId ?? undefined,
        fromName: before.assigneeName ?? undefined,
        fromQueue: before.queue,
        toId: target?._id,
        toName: target?.name,
        toQueue: after.queue,
        note: body.note ? 'yes' : undefined,
      },
    })
    await afterConversationChange(context, before, after)
    if (after.queue !== before.queue) await refreshSla(context, after)
    if (after.assigneeId && after.assignedAt) await scheduleReassignCheck(context, after._id, after.assigneeId, after.assignedAt, after.queue)
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'conversation.transfer',
      target: { type: 'conversation', id: before._id },
      details: { fromAgent: before.assigneeId, fromQueue: before.queue, toAgent: target?._id ?? null, toQueue: after.queue },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ conversation: presentConversation(after) }, 200)
  })

  app.openapi(queues, async (c) => {
    const user = c.get('user')
    const list = []
    for (const queue of context.config.queues) {
      const settings = await queueSettings(context.config, queue.id)
      list.push({
        id: queue.id,
        name: queue.name,
        assignment: settings?.assignment ?? queue.assignment,
        mine: seesAllQueues(user) || user.queues.includes(queue.id),
      })
    }
    return c.json({ queues: list }, 200)
  })

  app.openapi(agents, async (c) => {
    const user = c.get('user')
    const { queue } = c.req.valid('query')
    if (!context.config.queues.some((candidate) => candidate.id === queue) || !(seesAllQueues(user) || user.queues.includes(queue))) {
      throw new ApiError(404, 'not_found', 'Queue not found')
    }
    const members = await queueMembers(queue)
    const presence = await createRoutingState(context.redis).presenceOf(members.map((member) => member._id))
    return c.json({ agents: members.map((member, index) => ({ id: member._id, name: member.name, presence: presence[index] ?? 'offline' })) }, 200)
  })

  app.openapi(wallboard, async (c) => {
    const user = c.get('user')
    const state = createRoutingState(context.redis)
    const visibleQueues = context.config.queues.filter((queue) => seesAllQueues(user) || user.queues.includes(queue.id))
    const now = context.now().getTime()
    const queues = []
    for (const queue of visibleQueues) {
      const settings = await queueSettings(context.config, queue.id)
      const members = await queueMembers(queue.id)
      const ids = members.map((member) => member._id)
      const presence = await state.presenceOf(ids)
      const loads = await Promise.all(CAPACITY_KINDS.map((kind) => state.loads(ids, kind)))
      const oldest = await state.oldestWaitingSince(queue.id)
      queues.push({
        id: queue.id,
        assignment: settings?.assignment ?? queue.assignment,
        waiting: await state.waitingCount(queue.id),
        longestWaitSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
        agents: members.map((member, index) => ({
          id: member._id,
          name: member.name,
          presence: presence[index] ?? 'offline',
          load: { chat: loads[0]?.[index] ?? 0, call: loads[1]?.[index] ?? 0, email: loads[2]?.[index] ?? 0 },
          capacity: {
            chat: agentCapacity(context.config, member, 'chat'),
            call: agentCapacity(context.config, member, 'call'),
            email: agentCapacity(context.config, member, 'email'),
          },
        })),
      })
    }
    return c.json({ queues }, 200)
  })

  return app
}
