/**
 * Who a conversation is with. The hub keys a conversation by (contact, channel) and replies to the
 * identity the inbound sender carried, so:
 * - a 1:1 chat is the talker: `externalId` = the talker's Wechaty contact id;
 * - a group chat is one conversation with the room: `externalId` = `room:<room id>`, the contact's
 *   name is the room topic, and who said what stays on each message (metadata `talkerId`/`talkerName`).
 * The prefix makes the reply target unambiguous (room ids are puppet-specific: `…@chatroom` on
 * WeChat, something else on WeCom) and keeps a room from ever colliding with a person's identity.
 */
export const WECHATY_ROOM_PREFIX = 'room:'

export type WechatyRecipient = { kind: 'contact'; id: string } | { kind: 'room'; id: string }

export function wechatyRoomExternalId(roomId: string): string {
  return `${WECHATY_ROOM_PREFIX}${roomId}`
}

/** The contact or room behind a conversation's externalId; undefined when it names neither. */
export function parseWechatyRecipient(externalId: string): WechatyRecipient | undefined {
  if (externalId.startsWith(WECHATY_ROOM_PREFIX)) {
    const id = externalId.slice(WECHATY_ROOM_PREFIX.length)
    return id ? { kind: 'room', id } : undefined
  }
  return externalId ? { kind: 'contact', id: externalId } : undefined
}
