import type { WechatyConfig } from './wechaty-config.js'
import type { WechatyMessageSnapshot } from './wechaty-message-snapshot.js'

/**
 * Whether the listener takes a message in, per the channel's room settings. 1:1 messages always
 * pass; a group message passes when rooms are not ignored, the room is allowed (by id or topic,
 * when a list is configured) and, in `mentions` mode, the message @-mentions the bot.
 */
export function acceptsWechatyMessage(
  snapshot: Pick<WechatyMessageSnapshot, 'room' | 'mentionSelf'>,
  config: Pick<WechatyConfig, 'rooms' | 'allowedRooms'>,
): boolean {
  const room = snapshot.room
  if (!room) return true
  if (config.rooms === 'ignore') return false
  if (config.allowedRooms && !config.allowedRooms.some((allowed) => allowed === room.id || allowed === room.topic)) return false
  return config.rooms === 'all' || snapshot.mentionSelf
}
