/**
 * The contact panel's pure parts: who can be merged in (contacts of the conversations a search
 * found, minus the one on screen), and tag and label text as the hub accepts it.
 */
import type { ConversationDto } from '../../../server/presenters/dto.js'

export interface MergeCandidate {
  contactId: string
  name: string
  /** Channel ids of the matching conversations, each once. */
  channels: string[]
  conversations: number
  lastActivityAt: string | null
}

/** One row per contact, in the order the search ranked their conversations. */
export function mergeCandidates(conversations: readonly ConversationDto[], currentContactId: string): MergeCandidate[] {
  const byContact = new Map<string, MergeCandidate>()
  for (const conversation of conversations) {
    const id = conversation.contact.id
    if (id === currentContactId) continue
    const at = conversation.lastMessageAt ?? conversation.createdAt
    const known = byContact.get(id)
    if (!known) {
      byContact.set(id, { contactId: id, name: conversation.contact.name, channels: [conversation.channel], conversations: 1, lastActivityAt: at })
      continue
    }
    known.conversations += 1
    if (!known.channels.includes(conversation.channel)) known.channels.push(conversation.channel)
    if (at && (!known.lastActivityAt || at > known.lastActivityAt)) known.lastActivityAt = at
  }
  return [...byContact.values()]
}

/** The hub's limits: contact tags up to 32 characters, conversation labels up to 40. */
export const MAX_TAG_LENGTH = 32
export const MAX_LABEL_LENGTH = 40

/** Trimmed, inner spaces collapsed; null when empty or too long for the hub. */
export function normalizeTag(text: string, max = MAX_TAG_LENGTH): string | null {
  const value = text.trim().replace(/\s+/g, ' ')
  if (!value || value.length > max) return null
  return value
}

/** Several tags typed at once, separated by commas (also the Chinese comma and 、). */
export function splitTags(text: string, max = MAX_TAG_LENGTH): string[] {
  const tags: string[] = []
  for (const part of text.split(/[,，、]/)) {
    const tag = normalizeTag(part, max)
    if (tag && !tags.includes(tag)) tags.push(tag)
  }
  return tags
}
