/**
 * The files of a department's reply to a case. Each picked file is checked, uploaded to the case at
 * once (so the reply only names it) and listed with its progress and a button to remove it or cancel
 * its upload. What happens to the files is said in a polite status line, refusals in an alert.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { type AttachmentAnnouncement, attachmentCheckText, attachmentErrorText, attachmentStatusText } from '../api/attachment-error-text.js'
import { isAbort } from '../api/http.js'
import { workOrderApi } from '../api/work-order-api.js'
import { useI18n } from '../i18n/i18n-context.js'
import {
  CASE_FILE_TYPES,
  type CaseFile,
  type CaseFileRefusal,
  MAX_CASE_FILES,
  sortPicked,
  withoutFile,
  withProgress,
  withUploaded,
} from '../state/case-files.js'
import { formatFileSize, isPreviewable, MAX_ATTACHMENT_BYTES, typeNames } from '../state/compose-attachment.js'
import { AttachmentChip } from './composer.js'

/** Kept as facts, not text, so they follow a language switch. */
type Problem = { kind: 'check'; name: string; size: number; reason: CaseFileRefusal } | { kind: 'upload'; name: string; error: unknown }

export interface CaseFiles {
  files: readonly CaseFile[]
  pick: (picked: readonly File[]) => void
  remove: (key: number) => void
  problems: readonly Problem[]
  announcement: AttachmentAnnouncement | null
}

/** The chosen files of one reply; uploads under way are cancelled and thumbnails freed when the dialog goes. */
export function useCaseFiles(orderId: string): CaseFiles {
  const { t, language } = useI18n()
  const [files, setFiles] = useState<CaseFile[]>([])
  const [problems, setProblems] = useState<Problem[]>([])
  const [announcement, setAnnouncement] = useState<AttachmentAnnouncement | null>(null)
  const chosen = useRef<CaseFile[]>([])
  chosen.current = files
  const uploads = useRef(new Map<number, AbortController>())
  const nextKey = useRef(0)

  const release = (file: CaseFile) => {
    uploads.current.get(file.key)?.abort()
    uploads.current.delete(file.key)
    if (file.preview) URL.revokeObjectURL(file.preview)
  }
  useEffect(
    () => () => {
      for (const controller of uploads.current.values()) controller.abort()
      for (const file of chosen.current) release(file)
    },
    [],
  )

  const pick = (picked: readonly File[]) => {
    const { accepted, refused } = sortPicked(picked, chosen.current.length)
    const nameOf = (file: File) => file.name || t('message.attachment')
    const found: Problem[] = refused.map(({ file, reason }) => ({ kind: 'check', name: nameOf(file), size: file.size, reason }))
    setProblems(found)
    setAnnouncement(accepted[0] ? { kind: 'uploading', name: accepted.map(({ file }) => nameOf(file)).join(language === 'en' ? ', ' : '、') } : null)
    for (const { file, mimeType } of accepted) {
      const key = nextKey.current++
      const name = nameOf(file)
      const controller = new AbortController()
      uploads.current.set(key, controller)
      const entry: CaseFile = {
        key,
        name,
        size: file.size,
        preview: isPreviewable(mimeType) ? URL.createObjectURL(file) : null,
        phase: 'uploading',
        progress: null,
      }
      setFiles((current) => [...current, entry])
      workOrderApi
        .uploadAttachment(orderId, file, mimeType, {
          signal: controller.signal,
          onProgress: (sent) => setFiles((current) => withProgress(current, key, sent)),
        })
        .then(({ attachment }) => {
          if (!uploads.current.delete(key)) return
          setFiles((current) => withUploaded(current, key, attachment))
          setAnnouncement({ kind: 'attached', name, size: attachment.size })
        })
        .catch((error: unknown) => {
          if (isAbort(error) || !uploads.current.delete(key)) return
          if (entry.preview) URL.revokeObjectURL(entry.preview)
          setFiles((current) => withoutFile(current, key))
          setProblems((current) => [...current, { kind: 'upload', name, error }])
          setAnnouncement(null)
        })
    }
  }

  const remove = (key: number) => {
    const file = chosen.current.find((candidate) => candidate.key === key)
    if (!file) return
    release(file)
    setFiles((current) => withoutFile(current, key))
    setProblems([])
    setAnnouncement({ kind: file.phase === 'uploading' ? 'cancelled' : 'removed' })
  }

  return { files, pick, remove, problems, announcement }
}

/** The labelled file input, the chosen files, the status line and the alert. */
export function CaseFilePicker({ state }: { state: CaseFiles }) {
  const { t, language } = useI18n()
  const input = useRef<HTMLInputElement>(null)
  const max = formatFileSize(MAX_ATTACHMENT_BYTES, language)
  const types = typeNames(CASE_FILE_TYPES.mimeTypes, language)

  const reasonText = (problem: Problem): string => {
    if (problem.kind === 'upload') return attachmentErrorText(problem.error, t, language)
    if (problem.reason === 'type') return t('workOrder.files.errorType', { types })
    if (problem.reason === 'too-many') return t('workOrder.files.errorTooMany', { count: MAX_CASE_FILES })
    return attachmentCheckText({ ok: false, reason: problem.reason }, problem, CASE_FILE_TYPES.mimeTypes, t, language)
  }
  const problemText = state.problems.map((problem) => t('attachment.failed', { name: problem.name, reason: reasonText(problem) })).join(' ')

  return (
    <div class="form-field case-files">
      <label for="wo-action-files">{t('workOrder.files.label')}</label>
      <input
        ref={input}
        id="wo-action-files"
        type="file"
        multiple
        accept={CASE_FILE_TYPES.accept}
        data-testid="wo-action-files"
        aria-describedby="wo-action-files-hint wo-action-files-error"
        onChange={(event) => {
          const element = event.currentTarget
          const picked = [...(element.files ?? [])]
          // Cleared so that picking the same file again (after removing it) fires a change.
          element.value = ''
          if (picked.length > 0) state.pick(picked)
        }}
      />
      <p id="wo-action-files-hint" class="settings-hint">
        {t('workOrder.files.hint', { types, max, count: MAX_CASE_FILES })}
      </p>
      {state.files.length > 0 && (
        <ul class="case-files-list" aria-label={t('workOrder.files.chosen')} data-testid="wo-action-files-list">
          {state.files.map((file) => (
            <li key={file.key}>
              <AttachmentChip
                attached={file}
                onRemove={() => {
                  state.remove(file.key)
                  // The button goes with the file: the picker takes the focus.
                  input.current?.focus()
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <p id="wo-action-files-error" class="case-files-error" role="alert" data-testid="wo-action-files-error">
        {problemText}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="wo-action-files-status">
        {attachmentStatusText(state.announcement, t, language)}
      </p>
    </div>
  )
}
