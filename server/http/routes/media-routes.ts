/**
 * `GET /api/media/:id`: the hub's copy of an attachment, for staff who may see its conversation.
 * Served so that a hostile file cannot run in the hub's origin (nosniff, sandbox CSP, attachment
 * disposition for anything that is not an image, audio or video).
 */
import { Hono } from 'hono'
import type { HubContext } from '../../hub-context.js'
import { readMedia } from '../../media/media-store.js'
import { notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { visibleConversation } from '../visible-conversation.js'

const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/|video\/)/i

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
  return app
}
