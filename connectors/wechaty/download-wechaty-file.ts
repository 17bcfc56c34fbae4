import type { Wechaty } from 'wechaty'
import type { FetchedMedia } from '../spec.js'
import { messageIdFromWechatyFileUrl } from './wechaty-file-url.js'

/** Files larger than this are refused: an inbox needs photos, voice notes and documents, not archives. */
export const WECHATY_MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024

/**
 * Fetches a `wechaty-file:<message id>` attachment through the running bot's puppet; null for any
 * other url. The puppet must still know the message (its cache does not survive a restart).
 */
export async function downloadWechatyFile(bot: Wechaty, url: string, maxBytes = WECHATY_MAX_DOWNLOAD_BYTES): Promise<FetchedMedia | null> {
  const messageId = messageIdFromWechatyFileUrl(url)
  if (!messageId) return null
  const message = await bot.Message.find({ id: messageId })
  if (!message) throw new Error(`The Wechaty bot no longer knows message ${messageId}.`)
  const file = await message.toFileBox()
  if (file.size > maxBytes) throw new Error(`The file of message ${messageId} is larger than ${maxBytes} bytes.`)
  const bytes = await file.toBuffer()
  if (bytes.byteLength > maxBytes) throw new Error(`The file of message ${messageId} is larger than ${maxBytes} bytes.`)
  return {
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    mimeType: file.mediaType || 'application/octet-stream',
    ...(file.name ? { name: file.name } : {}),
  }
}
