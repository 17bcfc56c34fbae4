/**
 * The contact panel: a citizen's history across channels, their tags, and merging two contacts
 * that are one citizen (supervisors and admins; reversible; every merge and revert audited).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { canAccessConversation, hasRole } from '../../auth/access.js'
import { audit } from '../../auth/audit.js'
import { MergeError, mergeContacts, revertMerge } from '../../contacts/merge-contacts.js'
import type { HubContext } from '../../hub-context.js'
import { Contact, type ContactDoc } from '../../models/contact.js'
import { ContactMerge, type ContactMergeDoc } from '../../models/contact-merge.js'
import { Conversation, type ConversationDoc } from '../../models/conversation.js'
import type { UserDoc } from '../../models/user.js'
import { presentContact, presentConversation } from '../../presenters/present.js'
import { ApiError, forbidden, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { ContactSchema, ConversationSchema, errorResponses, jsonContent } from '../schemas.js'

const idParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' } })
const tags = ['contacts']
const MAX_HISTORY = 200
const tag = z.string().trim().min(1).max(32)

const history = createRoute({
  method: 'get',
  path: '/api/contacts/{id}/conversations',
  tags,
  summary: "The citizen's conversations on every channel, newest first (those of queues you cannot see are counted, not shown)",
  request: { params: z.object({ id: idParam('id') }) },
  responses: {
    200: jsonContent(z.object({ contact: ContactSchema, conversations: z.array(ConversationSchema), hidden: z.number() }), 'The history'),
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const setTags = createRoute({
  method: 'post',
  path: '/api/contacts/{id}/tags',
  tags,
  summary: 'Add or remove tags on a contact (routing rules can match them)',
  request: {
    params: z.object({ id: idParam('id') }),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ add: z.array(tag).max(20).default([]), remove: z.array(tag).max(20).default([]) }) } },
    },
  },
  responses: {
    200: jsonContent(z.object({ contact: ContactSchema }), 'The contact'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
})

const MergeSchema = z.object({ id: z.string(), targetId: z.string(), sourceId: z.string(), state: z.string(), movedConversations: z.number() })
const merge = createRoute({
  method: 'post',
  path: '/api/contacts/{id}/merge',
  tags,
  summary: 'Merge another contact (the same citizen on another channel) into this one: identities and conversations move here. Supervisors and admins.',
  request: {
    params: z.object({ id: idParam('id') }),
    body: { required: true, content: { 'application/json': { schema: z.object({ sourceContactId: z.string().min(1).max(64) }) } } },
  },
  responses: {
    200: jsonContent(z.object({ merge: MergeSchema }), 'The merge'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
})

const revert = createRoute({
  method: 'post',
  path: '/api/contact-merges/{mergeId}/revert',
  tags,
  summary: 'Undo a merge: the merged contact gets its identities and conversations back. Supervisors and admins.',
  request: { params: z.object({ mergeId: idParam('mergeId') }) },
  responses: {
    200: jsonContent(z.object({ merge: MergeSchema }), 'The reverted merge'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
})

export function contactRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/contacts/*', requireUser(context))
  app.use('/api/contact-merges/*', requireUser(context, ['supervisor', 'admin']))

  app.openapi(history, async (c) => {
    const user = c.get('user')
    const contact = await visibleContact(user, c.req.valid('param').id)
    const all = await Conversation.find({ contactId: contact._id }).sort({ createdAt: -1 }).limit(MAX_HISTORY).lean<ConversationDoc[]>()
    const visible = all.filter((conversation) => canAccessConversation(user, conversation))
    return c.json({ contact: presentContact(contact, user.role), conversations: visible.map(presentConversation), hidden: all.length - visible.length }, 200)
  })

  app.openapi(setTags, async (c) => {
    const user = c.get('user')
    const contact = await visibleContact(user, c.req.valid('param').id)
    const { add, remove } = c.req.valid('json')
    const next = [...new Set([...(contact.tags ?? []), ...add])].filter((value) => !remove.includes(value))
    await Contact.updateOne({ _id: contact._id }, { $set: { tags: next, updatedAt: context.now() } })
    return c.json({ contact: presentContact({ ...contact, tags: next }, user.role) }, 200)
  })

  app.openapi(merge, async (c) => {
    const user = c.get('user')
    if (!hasRole(user, ['supervisor', 'admin'])) throw forbidden('Only supervisors and admins merge contacts')
    const target = await visibleContact(user, c.req.valid('param').id)
    const source = await visibleContact(user, c.req.valid('json').sourceContactId)
    const done = await asApiError(() => mergeContacts(context, target._id, source._id, { id: user._id, name: user.name }))
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'contact.merge',
      target: { type: 'contact', id: target._id },
      details: { mergeId: done._id, sourceId: source._id, movedConversations: done.movedConversationIds.length, identities: source.identities.length },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ merge: presentMerge(done) }, 200)
  })

  app.openapi(revert, async (c) => {
    const user = c.get('user')
    const { mergeId } = c.req.valid('param')
    const existing = await ContactMerge.findById(mergeId).lean<ContactMergeDoc>()
    if (!existing) throw notFound('Merge')
    await visibleContact(user, existing.targetId)
    const reverted = await asApiError(() => revertMerge(context, mergeId, { id: user._id, name: user.name }))
    await audit({
      actor: { type: 'user', id: user._id, email: user.email },
      action: 'contact.unmerge',
      target: { type: 'contact', id: existing.targetId },
      details: { mergeId, sourceId: existing.sourceId },
      outcome: 'success',
      ip: clientIp(c),
    })
    return c.json({ merge: presentMerge(reverted) }, 200)
  })

  return app
}

/**
 * A contact is visible to those who can see one of its conversations (or all queues): agents
 * cannot look up or tag citizens they have never been given.
 */
async function visibleContact(user: UserDoc, id: string): Promise<ContactDoc> {
  const contact = await Contact.findById(id).lean<ContactDoc>()
  if (!contact) throw notFound('Contact')
  if (user.role === 'admin' || user.allQueues) return contact
  // A merged contact's conversations live with the contact it was merged into.
  const owner = contact.mergedInto ?? id
  const conversations = await Conversation.find({ contactId: owner }, { queue: 1, assigneeId: 1 }).limit(MAX_HISTORY).lean<ConversationDoc[]>()
  if (!conversations.some((conversation) => canAccessConversation(user, conversation))) throw notFound('Contact')
  return contact
}

async function asApiError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof MergeError)) throw error
    if (error.code === 'not_found') throw notFound('Contact')
    throw new ApiError(error.code === 'same_contact' ? 400 : 409, error.code, error.message)
  }
}

function presentMerge(merge: ContactMergeDoc) {
  return { id: merge._id, targetId: merge.targetId, sourceId: merge.sourceId, state: merge.state, movedConversations: merge.movedConversationIds.length }
}
