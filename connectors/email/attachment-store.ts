/**
 * Where attachment bytes wait between the listener and the hub's media job.
 *
 * The listener stages each file in the shared cache (Redis in the hub: the same store as the
 * durable queue, written before the mail is acknowledged) under its SHA-256; the message carries
 * `email-attachment:<sha256>` placeholders; the media job calls `fetchMedia`, which reads them
 * back, and stores the hub's own copy. So the bytes never sit in MongoDB messages nor in the
 * queued job, and the existing placeholder pipeline works unchanged. Entries expire after
 * `attachmentRetentionHours`; identical files (a logo in every mail) share one entry.
 */
import type { FetchedMedia, SharedCache } from '../spec.js'

export const EMAIL_ATTACHMENT_URL_PREFIX = 'email-attachment:'
const URL_PATTERN = /^email-attachment:([0-9a-f]{64})$/

export function emailAttachmentUrl(sha256: string): string {
  return `${EMAIL_ATTACHMENT_URL_PREFIX}${sha256}`
}

/** The SHA-256 in an `email-attachment:` url; undefined for other urls. */
export function sha256FromEmailAttachmentUrl(url: string): string | undefined {
  return URL_PATTERN.exec(url)?.[1]
}

export interface EmailAttachmentStore {
  stage(file: { sha256: string; bytes: Uint8Array; mimeType: string }): Promise<void>
  load(sha256: string): Promise<FetchedMedia | null>
}

interface StoredFile {
  mimeType: string
  base64: string
}

export function createEmailAttachmentStore(options: { channelId: string; cache: SharedCache; ttlSeconds: number }): EmailAttachmentStore {
  const keyOf = (sha256: string) => `email-attachment:${options.channelId}:${sha256}`
  return {
    async stage(file) {
      const stored: StoredFile = { mimeType: file.mimeType, base64: Buffer.from(file.bytes).toString('base64') }
      await options.cache.set(keyOf(file.sha256), JSON.stringify(stored), options.ttlSeconds)
    },
    async load(sha256) {
      const value = await options.cache.get(keyOf(sha256))
      if (value === null) return null
      const stored = JSON.parse(value) as StoredFile
      return { bytes: new Uint8Array(Buffer.from(stored.base64, 'base64')), mimeType: stored.mimeType }
    },
  }
}
