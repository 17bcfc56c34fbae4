/**
 * Provider templates: the way to reach a citizen when free-form replies are not allowed
 * (WeChat's 48-hour window). An agent re-sends a failed reply as the channel's reply template;
 * supervisors (and, through the API, work orders and campaigns) send any approved template.
 */
import { createHash } from 'node:crypto'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { isWechatConnector } from '../../../connectors/wechat/index.js'
import { hasRole } from '../../auth/access.js'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { Message, type MessageDoc } from '../../models/message.js'
import { sendAgentReply } from '../../pipeline/send-agent-reply.js'
import { presentMessage } from '../../presenters/present.js'
import { clientIdSchema } from '../../realtime/protocol.js'
import { ApiError, forbidden, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent, MessageSchema } from '../schemas.js'
import { visibleConversation } from '../visible-conversation.js'

const pathId = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' } })
const tags = ['conversations']
const messageResponses = {
  201: jsonContent(z.object({ message: MessageSchema }), 'Stored and queued for sending'),
  200: jsonContent(z.object({ message: MessageSchema }), 'Already stored earlier (the request was repeated)'),
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
}

const resend = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/messages/{messageId}/resend-as-template',
  tags,
  summary: "Re-send a failed reply as the channel's reply template (e.g. outside WeChat's 48-hour window). Idempotent.",
  request: { params: z.object({ id: pathId('id'), messageId: pathId('messageId') }) },
  responses: messageResponses,
})

const sendTemplate = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/template-messages',
  tags,
  summary: 'Send an approved provider template to the citizen (supervisors and admins). Idempotent by clientId.',
  request: {
    params: z.object({ id: pathId('id') }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            clientId: clientIdSchema,
            templateId: z.string().min(1).max(128),
            data: z.record(z.string().min(1).max(32), z.string().max(500)),
            url: z.url({ protocol: /^https?$/ }).optional(),
            /** The readable rendering kept in the conversation. */
            text: z.string().trim().min(1).max(2000),
          }),
        },
      },
    },
  },
  responses: messageResponses,
})

export function templateMessageRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/conversations/*', requireUser(context))

  app.openapi(resend, async (c) => {
    const user = c.get('user')
    const { id, messageId } = c.req.valid('param')
    const conversation = await visibleConversation(user, id)
    const original = await Message.findById(messageId).lean<MessageDoc>()
    if (original?.conversationId !== conversation._id || original.direction !== 'outbound' || original.private) throw notFound('Message')
    if (original.status !== 'failed') throw new ApiError(409, 'not_failed', 'Only a reply that failed can be re-sent as a template')
    const connector = context.channels.get(conversation.channel)?.connector
    const template = connector && isWechatConnector(connector) ? connector.replyAsTemplate(original.body, context.now()) : null
    if (!template) throw new ApiError(409, 'no_reply_template', 'This channel has no reply template configured (replyTemplate in channels.config.ts)')
    const result = await sendAgentReply(context, {
      conversation,
      author: user,
      // Derived from the failed message, so a repeated click re-sends nothing.
      clientId: `tpl-${createHash('sha256').update(original._id).digest('base64url').slice(0, 24)}`,
      body: original.body,
      private: false,
      template,
    })
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'message.resend_as_template',
      target: { type: 'message', id: original._id },
      details: { conversationId: conversation._id, templateId: template.id, newMessageId: result.message._id },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ message: presentMessage(result.message) }, result.created ? 201 : 200)
  })

  app.openapi(sendTemplate, async (c) => {
    const user = c.get('user')
    if (!hasRole(user, ['supervisor', 'admin'])) throw forbidden('Only supervisors and admins send templates directly')
    const conversation = await visibleConversation(user, c.req.valid('param').id)
    const body = c.req.valid('json')
    const connector = context.channels.get(conversation.channel)?.connector
    if (!connector?.capabilities.templates) throw new ApiError(409, 'templates_unsupported', 'This channel does not send provider templates')
    const result = await sendAgentReply(context, {
      conversation,
      author: user,
      clientId: body.clientId,
      body: body.text,
      private: false,
      template: { id: body.templateId, data: body.data, ...(body.url ? { url: body.url } : {}) },
    })
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'message.send_template',
      target: { type: 'conversation', id: conversation._id },
      details: { templateId: body.templateId, messageId: result.message._id },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ message: presentMessage(result.message) }, result.created ? 201 : 200)
  })

  return app
}
