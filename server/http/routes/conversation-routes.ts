import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { canAssign } from '../../auth/access.js'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { Contact, type ContactDoc } from '../../models/contact.js'
import { User, type UserDoc } from '../../models/user.js'
import { assignTo, changeStatus, markRead, updateConversation } from '../../pipeline/conversation-actions.js'
import { messageTypeOf, sendAgentReply } from '../../pipeline/send-agent-reply.js'
import { presentContact, presentConversation, presentMessage } from '../../presenters/present.js'
import { clientIdSchema } from '../../realtime/protocol.js'
import { afterManualAssignment, afterStatusChange } from '../../routing/manual-changes.js'
import { ApiError, forbidden, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { conversationAttachments } from '../conversation-attachments.js'
import { requireUser } from '../require-user.js'
import { ContactSchema, ConversationSchema, errorResponses, jsonContent, MessageSchema } from '../schemas.js'
import { visibleConversation } from '../visible-conversation.js'
import { listConversations, listMessages } from './conversation-queries.js'

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
})
const conversationResponse = jsonContent(z.object({ conversation: ConversationSchema }), 'The conversation after the change')
const tags = ['conversations']

const list = createRoute({
  method: 'get',
  path: '/api/conversations',
  tags,
  summary: 'Conversations visible to you, newest activity first',
  request: {
    query: z.object({
      status: z.enum(['open', 'pending', 'snoozed', 'resolved', 'all']).default('open'),
      channel: z.string().max(32).optional(),
      queue: z.string().max(32).optional(),
      label: z.string().max(64).optional(),
      priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
      assignee: z.enum(['me', 'unassigned', 'any']).default('any'),
      q: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: "Words of the contact's name, phone or email, or of the messages (Chinese is matched by character pairs)" }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(200).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ conversations: z.array(ConversationSchema), nextCursor: z.string().nullable() }), 'A page of conversations'),
    400: errorResponses[400],
    401: errorResponses[401],
  },
})

const get = createRoute({
  method: 'get',
  path: '/api/conversations/{id}',
  tags,
  summary: 'One conversation and its contact',
  request: { params: idParam },
  responses: {
    200: jsonContent(z.object({ conversation: ConversationSchema, contact: ContactSchema }), 'The conversation'),
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const messages = createRoute({
  method: 'get',
  path: '/api/conversations/{id}/messages',
  tags,
  summary: 'Messages in seq order: after a seq (resume), before a seq (older history), or the latest',
  request: {
    params: idParam,
    query: z.object({
      after: z.coerce.number().int().min(0).optional(),
      before: z.coerce.number().int().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: jsonContent(z.object({ messages: z.array(MessageSchema), hasMore: z.boolean() }), 'Messages, ascending seq'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const reply = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/messages',
  tags,
  summary: 'Reply (or add a private note). Idempotent by clientId.',
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              clientId: clientIdSchema,
              body: z.string().trim().max(4000).default(''),
              private: z.boolean().default(false),
              /** Files uploaded first with POST /api/conversations/{id}/attachments. */
              attachments: z
                .array(z.object({ url: z.string().max(200) }))
                .max(1)
                .default([]),
            })
            .refine((reply) => reply.body.length > 0 || reply.attachments.length > 0, { message: 'A reply needs a body or an attachment', path: ['body'] }),
        },
      },
    },
  },
  responses: {
    201: jsonContent(z.object({ message: MessageSchema }), 'Stored and queued for sending'),
    200: jsonContent(z.object({ message: MessageSchema }), 'Already stored earlier with this clientId'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const assign = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/assign',
  tags,
  summary: 'Assign to an agent, or unassign with null',
  request: {
    params: idParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ assigneeId: z.string().max(64).nullable() }) } } },
  },
  responses: { 200: conversationResponse, 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
})

const status = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/status',
  tags,
  summary: 'Open, pend, snooze or resolve',
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ status: z.enum(['open', 'pending', 'snoozed', 'resolved']), snoozedUntil: z.string().datetime().optional() }),
        },
      },
    },
  },
  responses: { 200: conversationResponse, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
})

const read = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/read',
  tags,
  summary: 'Mark read up to a seq (clears the unread count)',
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: z.object({ seq: z.number().int().min(0) }) } } } },
  responses: { 200: conversationResponse, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
})

export function conversationRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/conversations', requireUser(context))
  app.use('/api/conversations/*', requireUser(context))

  /** Loads a conversation the user may see; others' conversations are reported as not found, not forbidden. */
  app.openapi(list, async (c) => {
    const page = await listConversations(context, c.get('user'), c.req.valid('query'))
    return c.json({ conversations: page.conversations.map(presentConversation), nextCursor: page.nextCursor }, 200)
  })

  app.openapi(get, async (c) => {
    const user = c.get('user')
    const conversation = await visibleConversation(user, c.req.valid('param').id)
    const contact = await Contact.findById(conversation.contactId).lean<ContactDoc>()
    if (!contact) throw notFound('Contact')
    return c.json({ conversation: presentConversation(conversation), contact: presentContact(contact, user.role) }, 200)
  })

  app.openapi(messages, async (c) => {
    const conversation = await visibleConversation(c.get('user'), c.req.valid('param').id)
    const query = c.req.valid('query')
    if (query.after !== undefined && query.before !== undefined) throw new ApiError(400, 'invalid_query', 'Use either after or before, not both')
    const page = await listMessages(conversation._id, query)
    return c.json({ messages: page.messages.map(presentMessage), hasMore: page.hasMore }, 200)
  })

  app.openapi(reply, async (c) => {
    const user = c.get('user')
    const conversation = await visibleConversation(user, c.req.valid('param').id)
    const body = c.req.valid('json')
    const attachments = await conversationAttachments(conversation, body.attachments)
    if (attachments.length > 0) {
      const type = messageTypeOf(attachments)
      const capabilities = context.channels.get(conversation.channel)?.connector.capabilities
      if (!body.private && !capabilities?.messageTypes.includes(type)) {
        throw new ApiError(409, 'unsupported_message_type', `This channel cannot send ${type} messages`)
      }
    }
    const result = await sendAgentReply(context, { conversation, author: user, clientId: body.clientId, body: body.body, private: body.private, attachments })
    return c.json({ message: presentMessage(result.message) }, result.created ? 201 : 200)
  })

  app.openapi(assign, async (c) => {
    const user = c.get('user')
    const conversation = await visibleConversation(user, c.req.valid('param').id)
    const { assigneeId } = c.req.valid('json')
    if (!canAssign(user, assigneeId, conversation.assigneeId)) throw forbidden('Agents can only take or drop conversations themselves')
    const assignee = assigneeId ? await User.findById(assigneeId).lean<UserDoc>() : null
    if (assigneeId && !assignee?.active) throw new ApiError(400, 'unknown_assignee', 'No active user has that id')
    const updated = await updateConversation(context, conversation._id, assignTo(assignee, context.now()))
    if (updated && updated.assigneeId !== conversation.assigneeId) await afterManualAssignment(context, user, conversation, updated)
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'conversation.assign',
      target: { type: 'conversation', id: conversation._id },
      details: { from: conversation.assigneeId, to: assigneeId },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ conversation: presentConversation(updated ?? conversation) }, 200)
  })

  app.openapi(status, async (c) => {
    const user = c.get('user')
    const conversation = await visibleConversation(user, c.req.valid('param').id)
    const body = c.req.valid('json')
    const snoozedUntil = body.snoozedUntil ? new Date(body.snoozedUntil) : undefined
    const updated = await updateConversation(context, conversation._id, changeStatus(body.status, context.now(), snoozedUntil))
    if (updated && (updated.status !== conversation.status || updated.snoozedUntil?.getTime() !== conversation.snoozedUntil?.getTime())) {
      await afterStatusChange(context, user, conversation, updated)
    }
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'conversation.status',
      target: { type: 'conversation', id: conversation._id },
      details: { from: conversation.status, to: body.status },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ conversation: presentConversation(updated ?? conversation) }, 200)
  })

  app.openapi(read, async (c) => {
    const conversation = await visibleConversation(c.get('user'), c.req.valid('param').id)
    const updated = await updateConversation(context, conversation._id, markRead(c.req.valid('json').seq))
    return c.json({ conversation: presentConversation(updated ?? conversation) }, 200)
  })

  return app
}
