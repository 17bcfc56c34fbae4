/**
 * The files a department sends with its reply to a case: which it may pick and the list as it is
 * uploaded. A case takes every type the hub accepts from staff (no channel narrows it), each file
 * checked as the composer checks its one (compose-attachment), and at most 20 (the action's limit).
 */
import type { UploadedAttachment } from '../api/inbox-api.js'
import { type AttachableTypes, type AttachmentCheck, attachableTypes, checkAttachment, type PickedFile } from './compose-attachment.js'

/** Images, voice, video and PDF: what POST /api/work-orders/:id/attachments accepts. */
export const CASE_FILE_TYPES: AttachableTypes = attachableTypes(['image', 'audio', 'video', 'file'])

/** The reply action's limit (attachments: at most 20). */
export const MAX_CASE_FILES = 20

export type CaseFileRefusal = Extract<AttachmentCheck, { ok: false }>['reason'] | 'too-many'

export interface SortedPick<F> {
  /** To upload, with the type to upload each as. */
  accepted: { file: F; mimeType: string }[]
  refused: { file: F; reason: CaseFileRefusal }[]
}

/** Splits what was picked into files to upload and files refused (wrong type, empty, over 10 MB, beyond the 20th). */
export function sortPicked<F extends PickedFile>(files: readonly F[], alreadyChosen: number): SortedPick<F> {
  const sorted: SortedPick<F> = { accepted: [], refused: [] }
  for (const file of files) {
    const check = checkAttachment(file, CASE_FILE_TYPES.mimeTypes)
    if (!check.ok) sorted.refused.push({ file, reason: check.reason })
    else if (alreadyChosen + sorted.accepted.length >= MAX_CASE_FILES) sorted.refused.push({ file, reason: 'too-many' })
    else sorted.accepted.push({ file, mimeType: check.mimeType })
  }
  return sorted
}

interface CaseFileFacts {
  /** Tells two files of the same name apart while they are chosen. */
  key: number
  name: string
  size: number
  /** An object URL for an image's thumbnail, revoked when the file leaves the list. */
  preview: string | null
}

/** A chosen file: uploading (with the share sent, when known), or stored on the case. */
export type CaseFile = (CaseFileFacts & { phase: 'uploading'; progress: number | null }) | (CaseFileFacts & { phase: 'ready'; uploaded: UploadedAttachment })

/** The share sent so far, on the file still uploading under that key. */
export function withProgress(files: readonly CaseFile[], key: number, progress: number): CaseFile[] {
  return files.map((file) => (file.key === key && file.phase === 'uploading' ? { ...file, progress } : file))
}

/** The file under that key, now stored on the case (a file removed meanwhile stays removed). */
export function withUploaded(files: readonly CaseFile[], key: number, uploaded: UploadedAttachment): CaseFile[] {
  return files.map((file) =>
    file.key === key
      ? { key, name: file.name, size: uploaded.size, preview: file.preview, phase: 'ready', uploaded: { ...uploaded, name: uploaded.name ?? file.name } }
      : file,
  )
}

export function withoutFile(files: readonly CaseFile[], key: number): CaseFile[] {
  return files.filter((file) => file.key !== key)
}

/** What the reply names in its attachments: the stored files, in the order chosen. */
export function replyAttachments(files: readonly CaseFile[]): UploadedAttachment[] {
  return files.flatMap((file) => (file.phase === 'ready' ? [file.uploaded] : []))
}

export function isUploading(files: readonly CaseFile[]): boolean {
  return files.some((file) => file.phase === 'uploading')
}
