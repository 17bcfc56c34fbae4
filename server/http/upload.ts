/**
 * Files staff upload (an agent's reply attachment, a department's reply to a case): the types
 * channels and departments exchange, at most 10 MB, with a safe display name. The bytes are read
 * here and checked before anything is stored.
 */
import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { mediaUrl, saveMedia } from '../media/media-store.js'
import type { MediaFileDoc } from '../models/media.js'
import { ApiError } from './api-error.js'

/** What staff may attach: what the channels can carry (WeChat image/voice/video), plus PDF. */
export const UPLOADABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'audio/amr', 'audio/mpeg', 'audio/mp3', 'video/mp4', 'application/pdf'])
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** A display name for an upload: no path separators or control characters, at most 200 characters. */
export function safeFileName(raw: string): string {
  return [...raw]
    .filter((character) => character !== '/' && character !== '\\' && (character.codePointAt(0) ?? 0) >= 0x20)
    .join('')
    .slice(0, 200)
}

/** Stores the request body as a hub file owned by `owner` (a conversation or a work order); answers its attachment. */
export async function storeUpload(c: Context, owner: Pick<MediaFileDoc, 'conversationId'> & Partial<Pick<MediaFileDoc, 'workOrderId'>>, now: Date) {
  const mimeType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!UPLOADABLE.has(mimeType)) throw new ApiError(415, 'unsupported_media_type', `Attachments may be ${[...UPLOADABLE].join(', ')}`)
  if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', 'Attachments are limited to 10 MB')
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  if (bytes.byteLength === 0) throw new ApiError(400, 'empty_file', 'The file is empty')
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', 'Attachments are limited to 10 MB')
  const name = safeFileName(c.req.query('name') ?? '')
  const file = await saveMedia({
    _id: `med_${randomBytes(18).toString('base64url')}`,
    ...owner,
    messageId: '',
    mimeType,
    ...(name ? { name } : {}),
    bytes,
    createdAt: now,
  })
  return { url: mediaUrl(file._id), mimeType, size: file.size, ...(name ? { name } : {}) }
}
