/**
 * Merging two contacts that are one citizen (the WeChat follower who also called from a phone):
 * the source's identities and conversations move to the target, so the contact panel shows one
 * history and new messages on either channel find the same person; the source is kept, marked
 * merged, so the merge can be reverted.
 *
 * No transactions (FerretDB): the merge record is written first, with everything needed to
 * finish or undo it, and every step is repeatable, so a merge interrupted by a crash is
 * finished by calling it again. Identities leave the source before joining the target, so the
 * unique identity index never sees one identity on two contacts.
 */
import type { HubContext } from '../hub-context.js'
import { indexConversation } from '../lists/list-index.js'
import { Contact, type ContactDoc, type ContactIdentity, ContactIdentityModel, identityKey } from '../models/contact.js'
import { ContactMerge, type ContactMergeDoc } from '../models/contact-merge.js'
import { ActiveConversation, Conversation, type ConversationDoc } from '../models/conversation.js'
import { newId } from '../models/new-id.js'
import { activeConversationKey } from '../pipeline/resolve-conversation.js'
import { recordTimelineEvent } from '../pipeline/timeline-event.js'
import { presentConversation } from '../presenters/present.js'

type MergeContext = Pick<HubContext, 'redis' | 'now' | 'events'>

/** Conversations moved per merge; a citizen with more is merged in several calls. */
const MAX_CONVERSATIONS = 1000

export class MergeError extends Error {
  constructor(
    readonly code: 'same_contact' | 'not_found' | 'already_merged' | 'not_revertible',
    message: string,
  ) {
    super(message)
    this.name = 'MergeError'
  }
}

export async function mergeContacts(context: MergeContext, targetId: string, sourceId: string, by: { id: string; name: string }): Promise<ContactMergeDoc> {
  if (targetId === sourceId) throw new MergeError('same_contact', 'A contact cannot be merged into itself')
  const unfinished = await ContactMerge.findOne({ sourceId, state: 'started' }).limit(1).lean<ContactMergeDoc>()
  const target = await Contact.findById(targetId).lean<ContactDoc>()
  const source = await Contact.findById(sourceId).lean<ContactDoc>()
  if (!target || !source) throw new MergeError('not_found', 'Contact not found')
  if (target.mergedInto) throw new MergeError('already_merged', `${target.name} was merged into another contact: merge into that one`)
  if (source.mergedInto && !unfinished) throw new MergeError('already_merged', `${source.name} is already merged`)

  const merge: ContactMergeDoc = unfinished ?? {
    _id: newId('ct').replace(/^ct_/, 'mg_'),
    targetId,
    sourceId,
    sourceSnapshot: source,
    targetBefore: {
      ...(target.phone ? { phone: target.phone } : {}),
      ...(target.email ? { email: target.email } : {}),
      ...(target.tags ? { tags: target.tags } : {}),
    },
    movedConversationIds: (await Conversation.find({ contactId: sourceId }, { _id: 1 }).limit(MAX_CONVERSATIONS).lean<Pick<ConversationDoc, '_id'>[]>()).map(
      (conversation) => conversation._id,
    ),
    state: 'started',
    by,
    at: context.now(),
  }
  if (!unfinished) await ContactMerge.collection.insertOne(merge as never)

  const snapshot = merge.sourceSnapshot
  await Contact.updateOne({ _id: sourceId }, { $set: { identities: [], mergedInto: targetId, updatedAt: context.now() } })
  const latestTarget = (await Contact.findById(targetId).lean<ContactDoc>()) ?? target
  await Contact.updateOne(
    { _id: targetId },
    {
      $set: {
        identities: unionIdentities(latestTarget.identities, snapshot.identities),
        ...(latestTarget.phone || !snapshot.phone ? {} : { phone: snapshot.phone }),
        ...(latestTarget.email || !snapshot.email ? {} : { email: snapshot.email }),
        tags: [...new Set([...(latestTarget.tags ?? []), ...(snapshot.tags ?? [])])],
        updatedAt: context.now(),
      },
    },
  )
  await repointIdentities(snapshot.identities, targetId)
  await moveConversations(
    context,
    merge.movedConversationIds,
    { id: targetId, name: latestTarget.name },
    by,
    'contact.merged',
    `Merged ${snapshot.name} into ${latestTarget.name}`,
  )
  await moveActivePointers(snapshot.identities, sourceId, targetId)
  await ContactMerge.updateOne({ _id: merge._id }, { $set: { state: 'done' } })
  return { ...merge, state: 'done' }
}

/** Undoes a merge: the source gets back its identities and the conversations that were its own. */
export async function revertMerge(context: MergeContext, mergeId: string, by: { id: string; name: string }): Promise<ContactMergeDoc> {
  const merge = await ContactMerge.findById(mergeId).lean<ContactMergeDoc>()
  if (!merge) throw new MergeError('not_found', 'Merge not found')
  if (merge.state !== 'done')
    throw new MergeError('not_revertible', merge.state === 'reverted' ? 'This merge was already reverted' : 'This merge is not finished')
  const snapshot = merge.sourceSnapshot
  const target = await Contact.findById(merge.targetId).lean<ContactDoc>()
  if (!target) throw new MergeError('not_found', 'The merged contact no longer exists')
  const moved = new Set(snapshot.identities.map((identity) => identityKey(identity.channel, identity.externalId)))
  // Out of the target first (the unique identity index), then back to the source.
  await Contact.updateOne(
    { _id: merge.targetId },
    {
      $set: {
        identities: target.identities.filter((identity) => !moved.has(identityKey(identity.channel, identity.externalId))),
        ...(merge.targetBefore.phone === undefined && target.phone === snapshot.phone ? { phone: null } : {}),
        ...(merge.targetBefore.email === undefined && target.email === snapshot.email ? { email: null } : {}),
        tags: merge.targetBefore.tags ?? [],
        updatedAt: context.now(),
      },
    },
  )
  await Contact.updateOne({ _id: merge.sourceId }, { $set: { identities: snapshot.identities, mergedInto: null, updatedAt: context.now() } })
  await repointIdentities(snapshot.identities, merge.sourceId)
  await moveConversations(
    context,
    merge.movedConversationIds,
    { id: merge.sourceId, name: snapshot.name },
    by,
    'contact.unmerged',
    `Separated ${snapshot.name} from ${target.name} again`,
  )
  await moveActivePointers(snapshot.identities, merge.targetId, merge.sourceId, merge.movedConversationIds)
  await restoreActivePointers(merge.sourceId, merge.movedConversationIds)
  const revertedAt = context.now()
  await ContactMerge.updateOne({ _id: mergeId }, { $set: { state: 'reverted', revertedAt, revertedBy: by } })
  return { ...merge, state: 'reverted', revertedAt, revertedBy: by }
}

/** The source's newest conversation per channel becomes its active one again (the merge handed those pointers over or dropped them). */
async function restoreActivePointers(contactId: string, conversationIds: readonly string[]): Promise<void> {
  const newest = new Map<string, ConversationDoc>()
  for (const id of conversationIds) {
    const conversation = await Conversation.findById(id, { channel: 1, createdAt: 1 }).lean<ConversationDoc>()
    if (!conversation) continue
    const current = newest.get(conversation.channel)
    if (!current || new Date(current.createdAt) < new Date(conversation.createdAt)) newest.set(conversation.channel, conversation)
  }
  for (const [channel, conversation] of newest) {
    const key = activeConversationKey(contactId, channel)
    if (await ActiveConversation.findById(key).lean()) continue
    await ActiveConversation.replaceOne({ _id: key }, { _id: key, conversationId: conversation._id }, { upsert: true })
  }
}

function unionIdentities(base: readonly ContactIdentity[], added: readonly ContactIdentity[]): ContactIdentity[] {
  const seen = new Set(base.map((identity) => identityKey(identity.channel, identity.externalId)))
  return [...base, ...added.filter((identity) => !seen.has(identityKey(identity.channel, identity.externalId)))]
}

async function repointIdentities(identities: readonly ContactIdentity[], contactId: string): Promise<void> {
  for (const identity of identities) {
    await ContactIdentityModel.updateOne({ _id: identityKey(identity.channel, identity.externalId) }, { $set: { contactId } })
  }
}

async function moveConversations(
  context: MergeContext,
  conversationIds: readonly string[],
  to: { id: string; name: string },
  by: { id: string; name: string },
  eventName: string,
  text: string,
): Promise<void> {
  for (const conversationId of conversationIds) {
    const conversation = await Conversation.findById(conversationId).lean<ConversationDoc>()
    if (!conversation || conversation.contactId === to.id) continue
    await Conversation.updateOne({ _id: conversationId }, { $set: { contactId: to.id, contactName: to.name, updatedAt: context.now() } })
    const moved = { ...conversation, contactId: to.id, contactName: to.name }
    await indexConversation(context.redis, conversation, moved)
    await recordTimelineEvent(context, moved, {
      name: eventName,
      actor: by,
      text,
      details: { contactId: to.id, contactName: to.name, fromContactId: conversation.contactId },
    })
    await context.events.publish({ type: 'conversation.updated', conversation: presentConversation(moved) })
  }
}

/**
 * The "active conversation" pointers are keyed by contact and channel: the moved identities'
 * channels point from the new owner to the same conversations (unless it has its own there).
 */
async function moveActivePointers(
  identities: readonly ContactIdentity[],
  fromContactId: string,
  toContactId: string,
  onlyConversations?: readonly string[],
): Promise<void> {
  for (const channel of new Set(identities.map((identity) => identity.channel))) {
    const pointer = await ActiveConversation.findById(activeConversationKey(fromContactId, channel)).lean()
    if (!pointer || (onlyConversations && !onlyConversations.includes(pointer.conversationId))) continue
    const theirs = await ActiveConversation.findById(activeConversationKey(toContactId, channel)).lean()
    if (!theirs)
      await ActiveConversation.replaceOne(
        { _id: activeConversationKey(toContactId, channel) },
        { _id: activeConversationKey(toContactId, channel), conversationId: pointer.conversationId },
        { upsert: true },
      )
    await ActiveConversation.deleteOne({ _id: activeConversationKey(fromContactId, channel) })
  }
}
