/**
 * zod schemas for the API: they validate requests and generate /api/openapi.json.
 * Response schemas are checked against the DTO types with `satisfies`, so the
 * document cannot drift from what the presenters return.
 */
import { z } from '@hono/zod-openapi'
import type { ContactDto, ConversationDto, MessageDto, UserDto } from '../presenters/dto.js'

export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }).openapi('Error')

const isoDate = z.string().openapi({ format: 'date-time' })

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'supervisor', 'agent', 'department']),
    queues: z.array(z.string()),
    language: z.string(),
    department: z.string().optional(),
  })
  .openapi('User') satisfies z.ZodType<UserDto>

const AttachmentSchema = z.object({ url: z.string(), mimeType: z.string(), name: z.string().optional(), size: z.number().optional() })

export const MessageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number().int(),
    prevVisibleSeq: z.number().int().optional(),
    direction: z.enum(['inbound', 'outbound']),
    sender: z.object({ type: z.enum(['contact', 'agent', 'system', 'bot']), id: z.string().optional(), name: z.string().optional() }),
    type: z.enum(['text', 'image', 'file', 'audio', 'video', 'location', 'event']),
    body: z.string(),
    attachments: z.array(AttachmentSchema),
    location: z.object({ latitude: z.number(), longitude: z.number(), label: z.string().optional() }).optional(),
    status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed']),
    statusReason: z.string().optional(),
    sentAsTemplate: z.boolean().optional(),
    event: z.object({ name: z.string(), queue: z.string().optional(), details: z.record(z.string(), z.string()).optional() }).optional(),
    mail: z.object({ subject: z.string().optional(), html: z.string().optional() }).optional(),
    private: z.boolean(),
    clientId: z.string().optional(),
    createdAt: isoDate,
  })
  .openapi('Message') satisfies z.ZodType<MessageDto>

export const ConversationSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    channelType: z.string(),
    status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
    queue: z.string(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    labels: z.array(z.string()),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    contact: z.object({ id: z.string(), name: z.string() }),
    lastMessage: z.object({ preview: z.string(), direction: z.enum(['inbound', 'outbound']), at: isoDate }).nullable(),
    lastSeq: z.number().int(),
    unreadCount: z.number().int(),
    waitingSince: isoDate.nullable(),
    createdAt: isoDate,
    firstResponseAt: isoDate.nullable(),
    lastMessageAt: isoDate.nullable(),
    lastInboundAt: isoDate.nullable(),
    sla: z
      .object({
        firstResponse: z.object({ dueAt: isoDate, state: z.enum(['running', 'at_risk', 'breached', 'met', 'missed']) }).optional(),
        resolution: z.object({ dueAt: isoDate, state: z.enum(['running', 'at_risk', 'breached', 'met', 'missed']) }).optional(),
      })
      .optional(),
    requiredSkills: z.array(z.string()).optional(),
    snoozedUntil: isoDate.optional(),
    resolvedAt: isoDate.nullable(),
  })
  .openapi('Conversation') satisfies z.ZodType<ConversationDto>

export const ContactSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    language: z.string().optional(),
    identities: z.array(z.object({ channel: z.string(), externalId: z.string() })),
    tags: z.array(z.string()),
  })
  .openapi('Contact') satisfies z.ZodType<ContactDto>

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in, or the session expired', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Your role does not allow this', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found (or not visible to you)', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'Not possible in the current state', content: { 'application/json': { schema: ErrorSchema } } },
  429: { description: 'Too many requests; try again later', content: { 'application/json': { schema: ErrorSchema } } },
} as const

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}
