/**
 * Why a file could not be attached or a reply with a file was refused, in the agent's language, and
 * what the status line says about a file as it goes. The hub's 409/413/415 messages are English
 * sentences; these are said in words of the catalogue.
 */
import type { Language, Translate } from '../i18n/languages.js'
import { type AttachmentCheck, formatFileSize, MAX_ATTACHMENT_BYTES, typeNames } from '../state/compose-attachment.js'
import { errorText } from './error-text.js'
import { ApiError } from './http.js'

export function attachmentErrorText(error: unknown, t: Translate, language: Language): string {
  if (error instanceof ApiError) {
    const max = formatFileSize(MAX_ATTACHMENT_BYTES, language)
    if (error.status === 415) return t('attachment.errorServerType')
    if (error.status === 413) return t('attachment.errorServerTooLarge', { max })
    if (error.status === 409 && error.code === 'unsupported_message_type') return t('attachment.errorChannel')
    if (error.status === 400 && error.code === 'empty_file') return t('attachment.errorEmpty')
    if (error.status === 400 && error.code === 'unknown_attachment') return t('attachment.errorUnknown')
  }
  return errorText(error, t)
}

/** What the polite status line last said about a file; kept as facts, not text, so it follows a language switch. */
export type AttachmentAnnouncement =
  | { kind: 'uploading'; name: string }
  | { kind: 'attached'; name: string; size: number }
  | { kind: 'removed' }
  | { kind: 'cancelled' }

export function attachmentStatusText(announcement: AttachmentAnnouncement | null, t: Translate, language: Language): string {
  switch (announcement?.kind) {
    case 'uploading':
      return t('attachment.uploadingNamed', { name: announcement.name })
    case 'attached':
      return t('attachment.attached', { name: announcement.name, size: formatFileSize(announcement.size, language) })
    case 'removed':
      return t('attachment.removed')
    case 'cancelled':
      return t('attachment.cancelled')
    default:
      return ''
  }
}

/** Why the picked file was not uploaded at all (the checks of checkAttachment). */
export function attachmentCheckText(
  check: Extract<AttachmentCheck, { ok: false }>,
  file: { size: number },
  allowed: readonly string[],
  t: Translate,
  language: Language,
): string {
  switch (check.reason) {
    case 'type':
      return t('attachment.errorType', { types: typeNames(allowed, language) })
    case 'too-large':
      return t('attachment.errorTooLarge', { size: formatFileSize(file.size, language), max: formatFileSize(MAX_ATTACHMENT_BYTES, language) })
    case 'empty':
      return t('attachment.errorEmpty')
  }
}
