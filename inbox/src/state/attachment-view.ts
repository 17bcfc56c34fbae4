/**
 * How an attachment is shown. Connectors first store a provider reference (`wechat-media:…`,
 * `wechaty-file:…`) that the hub replaces once it has downloaded the file: until then there is
 * nothing a browser can load, so the inbox shows a placeholder instead of a broken link.
 */
import type { Attachment } from '../../../connectors/spec.js'

export type AttachmentView = { kind: 'downloading' } | { kind: 'image' | 'audio' | 'video' | 'file'; url: string }

/** http(s) URLs and paths on the inbox's own origin; anything else (provider references, javascript:, data:) is not loaded. */
export function loadableUrl(url: string, base: string): string | null {
  try {
    const resolved = new URL(url, base)
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null
  } catch {
    return null
  }
}

export function attachmentView(attachment: Pick<Attachment, 'url' | 'mimeType'>, base: string): AttachmentView {
  const url = loadableUrl(attachment.url, base)
  if (!url) return { kind: 'downloading' }
  const type = attachment.mimeType.toLowerCase()
  if (type.startsWith('image/')) return { kind: 'image', url }
  if (type.startsWith('audio/')) return { kind: 'audio', url }
  if (type.startsWith('video/')) return { kind: 'video', url }
  return { kind: 'file', url }
}
