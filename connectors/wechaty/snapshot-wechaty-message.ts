import { types, type Message as WechatyMessage } from 'wechaty'
import type { WechatyMessageSnapshot } from './wechaty-message-snapshot.js'

/**
 * Reads what the hub needs from a live Wechaty message, while the bot is running. Link cards and
 * positions are read best-effort (not every puppet implements them); files are not read here:
 * they are downloaded later, on demand, by message id.
 */
export async function snapshotWechatyMessage(message: WechatyMessage): Promise<WechatyMessageSnapshot> {
  const talker = message.talker()
  const room = message.room()
  const type = types.Message[message.type()] ?? 'Unknown'
  const talkerName = talker.name()
  const topic = room ? await room.topic() : undefined
  const snapshot: WechatyMessageSnapshot = {
    version: 1,
    id: message.id,
    type,
    text: message.text(),
    talker: { id: talker.id, ...(talkerName ? { name: talkerName } : {}) },
    ...(room ? { room: { id: room.id, ...(topic ? { topic } : {}) } } : {}),
    timestamp: message.date().getTime(),
    self: message.self(),
    mentionSelf: room ? await message.mentionSelf() : false,
  }
  if (type === 'Url') {
    const link = await message.toUrlLink().catch(() => undefined)
    if (link) {
      const title = link.title()
      const description = link.description()
      snapshot.urlLink = { url: link.url(), ...(title ? { title } : {}), ...(description ? { description } : {}) }
    }
  }
  if (type === 'Location') {
    const position = await message.toLocation().catch(() => undefined)
    if (position) {
      const name = position.name()
      const address = position.address()
      snapshot.location = { latitude: position.latitude(), longitude: position.longitude(), ...(name ? { name } : {}), ...(address ? { address } : {}) }
    }
  }
  return snapshot
}
