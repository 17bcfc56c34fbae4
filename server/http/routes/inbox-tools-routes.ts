/**
 * Tools around a conversation: labels, canned responses (shared replies with variables), and
 * the unread counts behind the inbox's badges.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { hasRole, seesAllQueues } from '../../auth/access.js'
import type { HubContext } from '../../hub-context.js'
import { labelsInUse } from '../../lists/list-index.js'
import { CannedResponse, type CannedResponseDoc } from '../../models/canned-response.js'
import { Conversation } from '../../models/conversation.js'
import { newId } from '../../models/new-id.js'
import type { UserDoc } from '../../models/user.js'
import { isDuplicateKey } from '../../pipeline/append-message.js'
import { updateConversation } from '../../pipeline/conversation-actions.js'
import { presentConversation } from '../../presenters/present.js'
import { ApiError, forbidden, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { ConversationSchema, errorResponses, jsonContent } from '../schemas.js'
import { visibleConversation } from '../visible-conversation.js'

const label = z.string().trim().min(1).max(40)
const idParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' } })
const MAX_LABELS = 20
const MAX_CANNED = 500
/** Counts are read at most this often per user (the inbox polls, sockets nudge). */
const COUNTS_CACHE_SECONDS = 5
const MAX_COUNTED = 1000

const labels = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/labels',
  tags: ['conversations'],
  summary: 'Add or remove labels',
  request: {
    params: z.object({ id: idParam('id') }),
    body: {
      required: true,
      content: {
        'application/json': { schema: z.object({ add: z.array(label).max(MAX_LABELS).default([]), remove: z.array(label).max(MAX_LABELS).default([]) }) },
      },
    },
  },
  responses: {
    200: jsonContent(z.object({ conversation: ConversationSchema }), 'The conversation'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const CannedSchema = z.object({ id: z.string(), shortcut: z.string(), title: z.string(), body: z.string(), queue: z.string().nullable() })
const cannedBody = z.object({
  shortcut: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}_-]{1,32}$/u, 'a shortcut is one word (letters, digits, _ or -), e.g. greeting or 问候'),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(4000),
  queue: z.string().max(32).nullable().default(null),
})
const listCanned = createRoute({
  method: 'get',
  path: '/api/canned-responses',
  tags: ['canned responses'],
  summary: 'Canned responses for the queues you work (variables: {{contact.name}}, {{agent.name}}, {{hotline.name}}, {{conversation.id}})',
  responses: { 200: jsonContent(z.object({ responses: z.array(CannedSchema) }), 'The responses'), 401: errorResponses[401] },
})
const createCanned = createRoute({
  method: 'post',
  path: '/api/canned-responses',
  tags: ['canned responses'],
  summary: 'Add a canned response (supervisors and admins)',
  request: { body: { required: true, content: { 'application/json': { schema: cannedBody } } } },
  responses: {
    201: jsonContent(z.object({ response: CannedSchema }), 'Created'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    409: errorResponses[409],
  },
})
const updateCanned = createRoute({
  method: 'put',
  path: '/api/canned-responses/{id}',
  tags: ['canned responses'],
  summary: 'Change a canned response (supervisors and admins)',
  request: { params: z.object({ id: idParam('id') }), body: { required: true, content: { 'application/json': { schema: cannedBody } } } },
  responses: {
    200: jsonContent(z.object({ response: CannedSchema }), 'Changed'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
})
const deleteCanned = createRoute({
  method: 'delete',
  path: '/api/canned-responses/{id}',
  tags: ['canned responses'],
  summary: 'Remove a canned response (supervisors and admins)',
  request: { params: z.object({ id: idParam('id') }) },
  responses: { 200: jsonContent(z.object({ deleted: z.boolean() }), 'Removed'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
})

const labelList = createRoute({
  method: 'get',
  path: '/api/labels',
  tags: ['conversations'],
  summary: 'Labels in use on conversations (for the label filter)',
  responses: { 200: jsonContent(z.object({ labels: z.array(z.string()) }), 'The labels'), 401: errorResponses[401] },
})

const counts = createRoute({
  method: 'get',
  path: '/api/conversations/counts',
  tags: ['conversations'],
  summary: 'Open conversations with unread citizen messages: mine, unassigned, and per queue you work (cached a few seconds)',
  responses: {
    200: jsonContent(z.object({ mine: z.number(), unassigned: z.number(), queues: z.record(z.string(), z.number()) }), 'The counts'),
    401: errorResponses[401],
  },
})

export function inboxToolsRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/conversations/:id/labels', requireUser(context))
  app.use('/api/conversations/counts', requireUser(context))
  app.use('/api/labels', requireUser(context))
  app.openapi(labelList, async (c) => c.json({ labels: await labelsInUse(context.redis) }, 200))
  app.use('/api/canned-responses', requireUser(context))
  app.use('/api/canned-responses/*', requireUser(context))

  app.openapi(labels, async (c) => {
    const conversation = await visibleConversation(c.get('user'), c.req.valid('param').id)
    const { add, remove } = c.req.valid('json')
    const updated = await updateConversation(context, conversation._id, (current) => {
      const next = [...new Set([...current.labels, ...add])].filter((value) => !remove.includes(value))
      if (next.length > MAX_LABELS) throw new ApiError(400, 'too_many_labels', `A conversation has at most ${MAX_LABELS} labels`)
      return next.length === current.labels.length && next.every((value, index) => value === current.labels[index]) ? null : { labels: next }
    })
    return c.json({ conversation: presentConversation(updated ?? conversation) }, 200)
  })

  app.openapi(listCanned, async (c) => {
    const user = c.get('user')
    const all = await CannedResponse.find({}).sort({ shortcut: 1 }).limit(MAX_CANNED).lean<CannedResponseDoc[]>()
    const mine = all.filter((response) => response.queue === null || seesAllQueues(user) || user.queues.includes(response.queue))
    return c.json({ responses: mine.map(presentCanned) }, 200)
  })

  app.openapi(createCanned, async (c) => {
    const user = managerOnly(c.get('user'))
    const body = c.req.valid('json')
    mayManageQueue(context, user, body.queue)
    const now = context.now()
    const doc: CannedResponseDoc = { _id: newId('cr'), ...body, createdBy: user._id, createdAt: now, updatedAt: now }
    await uniqueShortcut(() => CannedResponse.collection.insertOne(doc as never))
    return c.json({ response: presentCanned(doc) }, 201)
  })

  app.openapi(updateCanned, async (c) => {
    const user = managerOnly(c.get('user'))
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await managedCanned(context, user, id)
    mayManageQueue(context, user, body.queue)
    // Checked first as well: FerretDB reports a unique-index clash on update as an internal error, not 11000.
    if (await CannedResponse.exists({ shortcut: body.shortcut, _id: { $ne: id } })) throw shortcutTaken()
    const result = await uniqueShortcut(() => CannedResponse.updateOne({ _id: id }, { $set: { ...body, updatedAt: context.now() } }))
    if (result.matchedCount === 0) throw notFound('Canned response')
    const doc = await CannedResponse.findById(id).lean<CannedResponseDoc>()
    if (!doc) throw notFound('Canned response')
    return c.json({ response: presentCanned(doc) }, 200)
  })

  app.openapi(deleteCanned, async (c) => {
    const user = managerOnly(c.get('user'))
    const { id } = c.req.valid('param')
    await managedCanned(context, user, id)
    const result = await CannedResponse.deleteOne({ _id: id })
    if (result.deletedCount === 0) throw notFound('Canned response')
    return c.json({ deleted: true }, 200)
  })

  app.openapi(counts, async (c) => {
    const user = c.get('user')
    const cacheKey = `sb:counts:${user._id}`
    const cached = await context.redis.get(cacheKey)
    if (cached) return c.json(JSON.parse(cached) as { mine: number; unassigned: number; queues: Record<string, number> }, 200)
    const queues = seesAllQueues(user) ? context.config.queues.map((queue) => queue.id) : user.queues
    const unread = { status: 'open', 'unread.agent': { $gt: 0 } }
    const result = {
      mine: await countBounded({ ...unread, assigneeId: user._id }),
      unassigned: await countBounded({ ...unread, assigneeId: null, ...(seesAllQueues(user) ? {} : { queue: { $in: queues } }) }),
      queues: Object.fromEntries(await Promise.all(queues.map(async (queue) => [queue, await countBounded({ ...unread, queue })] as const))),
    }
    await context.redis.set(cacheKey, JSON.stringify(result), 'EX', COUNTS_CACHE_SECONDS)
    return c.json(result, 200)
  })

  return app
}

/** Counts up to a cap: a badge shows "999+" rather than costing a scan of everything. */
async function countBounded(filter: Record<string, unknown>): Promise<number> {
  return Conversation.countDocuments(filter).limit(MAX_COUNTED)
}

function managerOnly(user: UserDoc): UserDoc {
  if (!hasRole(user, ['supervisor', 'admin'])) throw forbidden('Only supervisors and admins manage canned responses')
  return user
}

/** A queue a canned response may be meant for: one the hub declares and, unless they see every queue, the supervisor works. */
function mayManageQueue(context: HubContext, user: UserDoc, queue: string | null): void {
  if (queue === null) return
  if (!context.config.queues.some((candidate) => candidate.id === queue)) throw new ApiError(400, 'unknown_queue', `There is no queue "${queue}"`)
  if (!seesAllQueues(user) && !user.queues.includes(queue)) throw forbidden('You manage canned responses of your own queues')
}

/** The response to change or remove, if the user may: one of another supervisor's queues is not theirs to touch. */
async function managedCanned(context: HubContext, user: UserDoc, id: string): Promise<CannedResponseDoc> {
  const doc = await CannedResponse.findById(id).lean<CannedResponseDoc>()
  if (!doc) throw notFound('Canned response')
  mayManageQueue(context, user, doc.queue)
  return doc
}

const shortcutTaken = () => new ApiError(409, 'shortcut_taken', 'Another canned response has this shortcut')

async function uniqueShortcut<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isDuplicateKey(error)) throw shortcutTaken()
    throw error
  }
}

function presentCanned(doc: CannedResponseDoc) {
  return { id: doc._id, shortcut: doc.shortcut, title: doc.title, body: doc.body, queue: doc.queue }
}
