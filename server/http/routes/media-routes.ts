/**
 * `GET /api/media/:id`: the hub's copy of an attachment, for staff who may see its conversation.
 * Served so that a hostile file cannot run in the hub's origin (nosniff, sandbox CSP, attachment
 * disposition for anything that is not an image, audio or video).
 */
import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import type { HubContext } from '../../hub-context.js'
import { mediaUrl, readMedia, saveMedia } from '../../media/media-store.js'
import { ApiError, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { visibleConversation } from '../visible-conversation.js'

const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/|video\/)/i
/** What agents may attach: what the channels can carry (WeChat image/voice/video), plus PDF for e-mail later. */
const UPLOADABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'audio/amr', 'audio/mpeg', 'audio/mp3', 'video/mp4', 'application/pdf'])
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** A display name for an upload: no path separators or control characters, at most 200 characters. */
function safeFileName(raw: string): string {
  return [...raw]
    .filter((character) => character !== '/' && character !== '\\' && (character.codePointAt(0) ?? 0) >= 0x20)
    .join('')
    .slice(0, 200)
}

export function mediaRoutes(context: HubContext) {
  const app = new Hono<AppEnv>()
  app.use('/api/media/*', requireUser(context))
  app.get('/api/media/:id', async (c) => {
    const media = await readMedia(c.req.param('id'))
    if (!media) throw notFound('File')
    // Same 404 as a missing file when the conversation is not the caller's to see.
    await visibleConversation(c.get('user'), media.file.conversationId)
    const disposition = INLINE.test(media.file.mimeType) ? 'inline' : 'attachment'
    const name = encodeURIComponent(media.file.name ?? media.file._id)
    return c.body(new Uint8Array(media.bytes), 200, {
      'content-type': media.file.mimeType,
      'content-length': String(media.bytes.byteLength),
      'content-disposition': `${disposition}; filename*=UTF-8''${name}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=86400',
    })
  })
  // An agent's file, stored before the reply that carries it (the reply names it by url).
  app.use('/api/conversations/:id/attachments', requireUser(context))
  app.post('/api/conversations/:id/attachments', async (c) => {
    const conversation = await visibleConversation(c.get('user'), c.req.param('id'))
    const mimeType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    if (!UPLOADABLE.has(mimeType)) throw new ApiError(415, 'unsupported_media_type', `Attachments may be ${[...UPLOADABLE].join(', ')}`)
    if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', 'Attachments are limited to 10 MB')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.byteLength === 0) throw new ApiError(400, 'empty_file', 'The file is empty')
    if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', 'Attachments are limited to 10 MB')
    const name = safeFileName(c.req.query('name') ?? '')
    const file = await saveMedia({
      _id: `med_${randomBytes(18).toString('base64url')}`,
      conversationId: conversation._id,
      messageId: '',
      mimeType,
      ...(name ? { name } : {}),
      bytes,
      createdAt: context.now(),
    })
    return c.json({ attachment: { url: mediaUrl(file._id), mimeType, size: file.size, ...(name ? { name } : {}) } }, 201)
  })
  return app
}
