/**
 * The file an agent attaches to a reply: which types the conversation's channel can carry, and the
 * checks made before uploading. They mirror the hub's own (POST /api/conversations/:id/attachments:
 * an allow-list of types, 10 MB), so most refusals are explained before any byte is sent; the
 * server still has the last word.
 */
import type { Language } from '../i18n/languages.js'

/** The hub's upload limit (media-routes MAX_UPLOAD_BYTES). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/**
 * What the hub accepts, by the message type a file becomes (image/* → image, audio/* → audio,
 * video/* → video, anything else → file), with the file name extensions the picker should offer:
 * an `accept` of MIME types alone hides `.amr` files on systems that do not know that type.
 */
const UPLOADABLE: Readonly<Record<'image' | 'audio' | 'video' | 'file', readonly (readonly [mimeType: string, extensions: readonly string[]])[]>> = {
  image: [
    ['image/jpeg', ['.jpg', '.jpeg']],
    ['image/png', ['.png']],
    ['image/gif', ['.gif']],
  ],
  audio: [
    ['audio/amr', ['.amr']],
    ['audio/mpeg', ['.mp3']],
    ['audio/mp3', []],
  ],
  video: [['video/mp4', ['.mp4']]],
  file: [['application/pdf', ['.pdf']]],
}

/** Types some systems report under another name, mapped to the one the hub accepts. */
const ALIASES: Readonly<Record<string, string>> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'audio/x-mpeg': 'audio/mpeg' }

export interface AttachableTypes {
  /** MIME types the channel can carry, in the hub's allow-list. */
  mimeTypes: readonly string[]
  /** The file input's `accept`: those types plus their file name extensions. Empty: nothing can be attached. */
  accept: string
}

/** What a channel with these message types can be sent (undefined while the channel list is loading: nothing). */
export function attachableTypes(messageTypes: readonly string[] | undefined): AttachableTypes {
  const mimeTypes: string[] = []
  const accept: string[] = []
  for (const [messageType, entries] of Object.entries(UPLOADABLE)) {
    if (!messageTypes?.includes(messageType)) continue
    for (const [mimeType, extensions] of entries) {
      mimeTypes.push(mimeType)
      accept.push(mimeType, ...extensions)
    }
  }
  return { mimeTypes, accept: accept.join(',') }
}

export interface PickedFile {
  name: string
  /** As the browser reports it: often empty for types the system does not know (`.amr`). */
  type: string
  size: number
}

export type AttachmentCheck = { ok: true; mimeType: string } | { ok: false; reason: 'type' | 'too-large' | 'empty' }

/** The type to upload the file as: the reported one (normalised), or the one its extension implies. */
export function uploadMimeType(file: Pick<PickedFile, 'name' | 'type'>): string {
  const reported = file.type.split(';')[0]?.trim().toLowerCase() ?? ''
  if (reported && reported !== 'application/octet-stream') return ALIASES[reported] ?? reported
  const extension = /\.[^.]+$/.exec(file.name)?.[0]?.toLowerCase()
  if (!extension) return reported
  for (const entries of Object.values(UPLOADABLE)) {
    const match = entries.find(([, extensions]) => extensions.includes(extension))
    if (match) return match[0]
  }
  return reported
}

/** The checks made before uploading: a type this channel can carry, not empty, at most 10 MB. */
export function checkAttachment(file: PickedFile, allowed: readonly string[]): AttachmentCheck {
  const mimeType = uploadMimeType(file)
  if (!allowed.includes(mimeType)) return { ok: false, reason: 'type' }
  if (file.size === 0) return { ok: false, reason: 'empty' }
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too-large' }
  return { ok: true, mimeType }
}

const UNITS: Readonly<Record<Language, readonly [bytes: string, kilobytes: string, megabytes: string]>> = {
  en: ['B', 'KB', 'MB'],
  'zh-CN': ['字节', 'KB', 'MB'],
}

/**
 * "512 B", "1.5 KB", "10.2 MB" ("512 字节" in Chinese), in binary units as the 10 MB limit is.
 * Rounded up, so a file just over the limit never reads as exactly "10 MB".
 */
export function formatFileSize(bytes: number, language: Language): string {
  const [b, kb, mb] = UNITS[language]
  const size = Math.max(0, Math.ceil(bytes))
  if (size < 1024) return `${size} ${b}`
  // One decimal below 100 (1.5 KB), none above (512 KB). Byte counts over powers of two are exact in
  // binary floating point, so scaling by 10 adds no rounding noise for ceil to catch.
  const scaled = (value: number) => (value < 100 ? Math.ceil(value * 10) / 10 : Math.ceil(value))
  const number = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)
  const kilobytes = scaled(size / 1024)
  if (kilobytes < 1024) return `${number(kilobytes)} ${kb}`
  return `${number(scaled(size / (1024 * 1024)))} ${mb}`
}

/** Object URLs are for images only: a thumbnail in the composer. */
export function isPreviewable(mimeType: string): boolean {
  return mimeType === 'image/jpeg' || mimeType === 'image/png' || mimeType === 'image/gif'
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'audio/amr': 'AMR',
  'audio/mpeg': 'MP3',
  'audio/mp3': 'MP3',
  'video/mp4': 'MP4',
  'application/pdf': 'PDF',
}

/** "JPG, PNG, GIF" ("JPG、PNG、GIF" in Chinese): the formats an agent may pick, for error messages. */
export function typeNames(mimeTypes: readonly string[], language: Language): string {
  const names = [...new Set(mimeTypes.map((mimeType) => TYPE_NAMES[mimeType] ?? mimeType))]
  return names.join(language === 'zh-CN' ? '、' : ', ')
}
