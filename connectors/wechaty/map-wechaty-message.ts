/**
 * A Wechaty message snapshot → normalized inbound events. Pure.
 *
 * - Identity: a 1:1 chat's sender is the talker; a group chat's sender is the room (`room:<id>`,
 *   named by its topic) so the whole group is one conversation, and the member who spoke is kept in
 *   metadata (`talkerId`, `talkerName`). See wechaty-recipient.ts.
 * - Dedupe key: Wechaty's message id.
 * - The bot's own messages map to nothing; so do recalls and `Unknown` (puppet system noise).
 * - Media map to their spec type with a `wechaty-file:<message id>` attachment, downloaded later.
 *   Content the hub cannot show (contact cards, mini programs, transfers…) becomes a `[Type]` text
 *   placeholder, so the agent knows the citizen sent something.
 */
import type { Attachment, InboundEvent, InboundMessage, InboundSender } from '../spec.js'
import { wechatyFileUrl } from './wechaty-file-url.js'
import type { WechatyMessageSnapshot } from './wechaty-message-snapshot.js'
import { wechatyRoomExternalId } from './wechaty-recipient.js'

const MAX_FILE_NAME_LENGTH = 255

export function mapWechatyMessage(snapshot: WechatyMessageSnapshot): InboundEvent[] {
  if (snapshot.self) return []
  const base = {
    kind: 'message' as const,
    externalId: snapshot.id,
    sender: senderOf(snapshot),
    sentAt: new Date(snapshot.timestamp),
    // In a group the conversation is the room's; the member who spoke is the message's author.
    ...(snapshot.room
      ? { author: { externalId: snapshot.talker.id, ...(snapshot.talker.name?.trim() ? { displayName: snapshot.talker.name.trim() } : {}) } }
      : {}),
  }
  const metadata = (extra: Record<string, string | undefined> = {}) => compact({ ...conversationMetadata(snapshot), wechatyType: snapshot.type, ...extra })
  const file = (type: InboundMessage['type'], mimeType: string, name?: string): InboundMessage => ({
    ...base,
    type,
    attachments: [attachment(snapshot.id, mimeType, name)],
    metadata: metadata(),
  })

  switch (snapshot.type) {
    case 'Text':
      return snapshot.text.trim() ? [{ ...base, type: 'text', text: snapshot.text, metadata: metadata() }] : []
    case 'Image':
    case 'Emoticon':
      return [file('image', 'image/*')]
    case 'Audio':
      return [file('audio', 'audio/*')]
    case 'Video':
      return [file('video', 'video/*')]
    case 'Attachment':
      return [file('file', 'application/octet-stream', fileName(snapshot.text))]
    case 'Location':
      return [mapLocation(snapshot, base, metadata)]
    case 'Url': {
      const link = snapshot.urlLink
      if (!link) return [{ ...base, type: 'text', text: snapshot.text || '[Url]', metadata: metadata() }]
      const text = [link.title, link.description, link.url].filter((part) => part?.trim()).join('\n')
      return [{ ...base, type: 'text', text, metadata: metadata({ url: link.url, title: link.title, description: link.description }) }]
    }
    case 'Recalled':
    case 'Unknown':
      return []
    default: {
      const detail = snapshot.text.trim()
      return [{ ...base, type: 'text', text: detail ? `[${snapshot.type}] ${detail}` : `[${snapshot.type}]`, metadata: metadata() }]
    }
  }
}

function senderOf(snapshot: WechatyMessageSnapshot): InboundSender {
  if (snapshot.room) {
    const topic = snapshot.room.topic?.trim()
    return { externalId: wechatyRoomExternalId(snapshot.room.id), ...(topic ? { displayName: topic } : {}) }
  }
  const name = snapshot.talker.name?.trim()
  return { externalId: snapshot.talker.id, ...(name ? { displayName: name } : {}) }
}

/** Who spoke, for group messages (the conversation's contact is the room). */
function conversationMetadata(snapshot: WechatyMessageSnapshot): Record<string, string | undefined> {
  if (!snapshot.room) return {}
  return {
    roomId: snapshot.room.id,
    roomTopic: snapshot.room.topic,
    talkerId: snapshot.talker.id,
    talkerName: snapshot.talker.name,
    ...(snapshot.mentionSelf ? { mentionSelf: 'true' } : {}),
  }
}

function mapLocation(
  snapshot: WechatyMessageSnapshot,
  base: Pick<InboundMessage, 'kind' | 'externalId' | 'sender' | 'sentAt'>,
  metadata: (extra?: Record<string, string | undefined>) => Record<string, string>,
): InboundMessage {
  const position = snapshot.location
  const label = [position?.name, position?.address].filter((part) => part?.trim()).join(', ')
  if (position && Math.abs(position.latitude) <= 90 && Math.abs(position.longitude) <= 180) {
    return {
      ...base,
      type: 'location',
      location: { latitude: position.latitude, longitude: position.longitude, ...(label ? { label } : {}) },
      metadata: metadata({ name: position.name, address: position.address }),
    }
  }
  // The puppet could not read the position: keep what it gave as text rather than drop the message.
  return { ...base, type: 'text', text: label || snapshot.text || '[Location]', metadata: metadata() }
}

function attachment(messageId: string, mimeType: string, name: string | undefined): Attachment {
  return { url: wechatyFileUrl(messageId), mimeType, ...(name ? { name } : {}) }
}

/** Puppets put the file name in an attachment message's text; anything else is not a name. */
function fileName(text: string): string | undefined {
  const name = text.trim()
  return name && name.length <= MAX_FILE_NAME_LENGTH && !/[\r\n<>]/.test(name) ? name : undefined
}

function compact(entries: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(entries)) {
    const trimmed = value?.trim()
    if (trimmed) result[key] = trimmed
  }
  return result
}
