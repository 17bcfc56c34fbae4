/**
 * A normalized outbound message → one customer-service (客服) message.
 * Text goes as is; an image or audio attachment is sent by MediaId: taken from a
 * `wechat-media:` url, or uploaded as temporary media from the hub's storage url first.
 */
import { type ConnectorDependencies, ConnectorSendError, type OutboundMessage, type SendResult, type SendWarning } from '../spec.js'
import type { MediaType, WechatApi } from './wechat-api.js'
import { mediaIdFromUrl } from './wechat-media-url.js'

/** [memory] WeChat's limit for text message content, in UTF-8 bytes (widely quoted; not in channels.md). */
export const WECHAT_MAX_TEXT_BYTES = 2048
/** The same limit in characters when every character is CJK (3 UTF-8 bytes): what the inbox may allow. */
export const WECHAT_MAX_TEXT_LENGTH = Math.floor(WECHAT_MAX_TEXT_BYTES / 3)

/** Formats WeChat accepts for temporary media, per type. */
const ACCEPTED_FORMATS: Record<'image' | 'voice', RegExp> = {
  image: /^image\/(jpeg|jpg|png|gif|bmp)$/i,
  voice: /^audio\/(amr|mpeg|mp3)$/i,
}

export async function sendWechatMessage(
  message: OutboundMessage,
  context: { api: WechatApi; fetch: typeof globalThis.fetch; loadMedia?: ConnectorDependencies['loadMedia'] },
): Promise<SendResult> {
  const toUser = message.recipient.externalId
  const warnings: SendWarning[] = []

  if (message.template) {
    // Template messages reach followers outside the 48-hour window; their id is what
    // TEMPLATESENDJOBFINISH later reports on, so it becomes the message's external id.
    const data = Object.fromEntries(Object.entries(message.template.data).map(([name, value]) => [name, { value }]))
    const { msgId } = await context.api.sendTemplateMessage({
      toUser,
      templateId: message.template.id,
      data,
      ...(message.template.url ? { url: message.template.url } : {}),
      clientMessageId: message.messageId,
    })
    return { externalId: msgId, status: 'sent' }
  }

  switch (message.type) {
    case 'text': {
      const text = message.text ?? ''
      if (text.trim().length === 0) throw sendError('empty_message', 'The message has no text.')
      const bytes = Buffer.byteLength(text, 'utf8')
      if (bytes > WECHAT_MAX_TEXT_BYTES)
        throw sendError('text_too_long', `WeChat text messages are limited to ${WECHAT_MAX_TEXT_BYTES} bytes (this one has ${bytes}).`)
      if (message.attachments?.length)
        warnings.push({ type: 'unsupported', feature: 'attachments_with_text', details: 'Attachments on a text message were not sent.' })
      await context.api.sendCustomMessage({ toUser, type: 'text', text })
      break
    }
    case 'image':
    case 'audio': {
      const mediaType = message.type === 'image' ? 'image' : 'voice'
      const [attachment, ...rest] = message.attachments ?? []
      if (!attachment) throw sendError('attachment_missing', `An ${message.type} message needs an attachment.`)
      if (rest.length > 0) warnings.push({ type: 'unsupported', feature: 'multiple_attachments', details: 'Only the first attachment was sent.' })
      if (message.text?.trim()) warnings.push({ type: 'unsupported', feature: 'caption', details: 'WeChat media messages carry no text.' })
      const mediaId = mediaIdFromUrl(attachment.url) ?? (await uploadFromUrl(attachment, mediaType, context))
      await context.api.sendCustomMessage({ toUser, type: mediaType, mediaId })
      break
    }
    default:
      throw sendError('unsupported_message_type', `WeChat customer-service messages cannot carry "${message.type}".`)
  }
  return { externalId: message.messageId, status: 'sent', ...(warnings.length > 0 ? { warnings } : {}) }
}

async function uploadFromUrl(
  attachment: NonNullable<OutboundMessage['attachments']>[number],
  type: Extract<MediaType, 'image' | 'voice'>,
  context: { api: WechatApi; fetch: typeof globalThis.fetch; loadMedia?: ConnectorDependencies['loadMedia'] },
): Promise<string> {
  if (!ACCEPTED_FORMATS[type].test(attachment.mimeType)) {
    throw sendError('unsupported_media_format', `WeChat does not accept ${attachment.mimeType} as ${type}.`)
  }
  const stored = attachment.url.startsWith('/') && context.loadMedia ? await context.loadMedia(attachment.url) : null
  if (stored) {
    const { mediaId } = await context.api.uploadMedia({
      type,
      bytes: stored.bytes,
      contentType: stored.mimeType,
      fileName: stored.name ?? attachment.name ?? `${type}`,
    })
    return mediaId
  }
  if (!/^https?:\/\//i.test(attachment.url)) throw sendError('attachment_unreachable', 'The attachment url is not an absolute http(s) url.')
  let bytes: Uint8Array
  try {
    const response = await context.fetch(attachment.url)
    if (!response.ok) {
      throw new ConnectorSendError({
        code: 'attachment_fetch_failed',
        message: `Fetching the attachment answered HTTP ${response.status}.`,
        statusCode: response.status,
      })
    }
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch (error) {
    if (error instanceof ConnectorSendError) throw error
    throw new ConnectorSendError({ code: 'attachment_fetch_failed', message: 'The attachment could not be fetched.', isRetryable: true, cause: error })
  }
  const fileName = attachment.name ?? (new URL(attachment.url).pathname.split('/').pop() || `${type}`)
  const { mediaId } = await context.api.uploadMedia({ type, bytes, contentType: attachment.mimeType, fileName })
  return mediaId
}

function sendError(code: string, message: string): ConnectorSendError {
  return new ConnectorSendError({ code, message, isRetryable: false })
}
