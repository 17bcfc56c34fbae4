/**
 * Stores and reads the hub's own copies of attachments. Writes are idempotent: the file id
 * is derived from the message and attachment position, chunks are written before the file
 * document, so a file document always points at complete bytes (a crash leaves only orphan
 * chunks, which the retried job overwrites).
 */
import { createHash } from 'node:crypto'
import { MediaChunk, type MediaChunkDoc, MediaFile, type MediaFileDoc, mediaChunkKey } from '../models/media.js'

const CHUNK_BYTES = 1024 * 1024
/** Larger than anything WeChat (10 MB) or Twilio MMS (5 MB) delivers. */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024

export function mediaFileId(messageId: string, attachmentIndex: number): string {
  return `med_${createHash('sha256').update(`${messageId}#${attachmentIndex}`).digest('base64url').slice(0, 27)}`
}

export function mediaUrl(fileId: string): string {
  return `/api/media/${fileId}`
}

/** The file id in a hub media url, or null for any other url. */
export function fileIdFromMediaUrl(url: string): string | null {
  return /^\/api\/media\/(med_[A-Za-z0-9_-]{1,64})$/.exec(url)?.[1] ?? null
}

/** Reads a hub media url for connectors that upload files to a provider (ConnectorDependencies.loadMedia). */
export async function loadMediaByUrl(url: string): Promise<{ bytes: Uint8Array; mimeType: string; name?: string } | null> {
  const fileId = fileIdFromMediaUrl(url)
  const media = fileId ? await readMedia(fileId) : null
  if (!media) return null
  return { bytes: new Uint8Array(media.bytes), mimeType: media.file.mimeType, ...(media.file.name ? { name: media.file.name } : {}) }
}

export async function saveMedia(file: Omit<MediaFileDoc, 'size' | 'chunkCount' | 'createdAt'> & { bytes: Uint8Array; createdAt: Date }): Promise<MediaFileDoc> {
  const { bytes, ...meta } = file
  if (bytes.byteLength > MAX_MEDIA_BYTES) throw new Error(`Media of ${bytes.byteLength} bytes exceeds the ${MAX_MEDIA_BYTES}-byte limit`)
  const chunkCount = Math.max(1, Math.ceil(bytes.byteLength / CHUNK_BYTES))
  for (let index = 0; index < chunkCount; index++) {
    const data = Buffer.from(bytes.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES))
    await MediaChunk.updateOne({ _id: mediaChunkKey(file._id, index) }, { $set: { data } }, { upsert: true })
  }
  const doc: MediaFileDoc = { ...meta, size: bytes.byteLength, chunkCount }
  await MediaFile.updateOne({ _id: doc._id }, { $set: doc }, { upsert: true })
  return doc
}

export async function readMedia(fileId: string): Promise<{ file: MediaFileDoc; bytes: Buffer } | null> {
  const file = await MediaFile.findById(fileId).lean<MediaFileDoc>()
  if (!file) return null
  const parts: Buffer[] = []
  for (let index = 0; index < file.chunkCount; index++) {
    const chunk = await MediaChunk.findById(mediaChunkKey(fileId, index)).lean<MediaChunkDoc>()
    if (!chunk) return null
    parts.push(Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from((chunk.data as unknown as { buffer: ArrayBuffer }).buffer))
  }
  return { file, bytes: Buffer.concat(parts) }
}
