/**
 * Reply box. Enter sends and Shift+Enter adds a line, except while an IME is
 * composing (Enter then confirms the pinyin candidate and must not send).
 * Drafts are kept per conversation for the session, so switching away loses nothing.
 *
 * One file can go with a reply, on channels that carry files: it is checked, uploaded at once
 * (so Send only names it), and shown as a chip until sent or removed. Private notes take no file:
 * in note mode the button and chip are hidden, and an uploaded file waits for the reply.
 *
 * "/" opens canned responses and "@" (in notes) colleagues to mention: see useComposerAssist.
 */

import type { JSX } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { countSmsSegments } from '../../../connectors/sms/sms-segments.js'
import { type AttachmentAnnouncement, attachmentCheckText, attachmentErrorText, attachmentStatusText } from '../api/attachment-error-text.js'
import { isAbort } from '../api/http.js'
import { api, type UploadedAttachment } from '../api/inbox-api.js'
import { useComposerAssist } from '../hooks/use-composer-assist.js'
import { useI18n } from '../i18n/i18n-context.js'
import { TYPING_IDLE_MS, TypingThrottle } from '../realtime/typing-throttle.js'
import type { CannedResponse } from '../state/canned-responses.js'
import { type AttachmentCheck, attachableTypes, checkAttachment, formatFileSize, isPreviewable } from '../state/compose-attachment.js'
import { ComposerSuggestions } from './composer-suggestions.js'

const drafts = new Map<string, string>()

interface Props {
  conversationId: string
  contactName: string
  /** The channel's capabilities.messageTypes; undefined while unknown (nothing can be attached then). */
  messageTypes: readonly string[] | undefined
  /** The channel's connector type: SMS shows how many segments (billed messages) the reply takes. */
  channelType?: string | undefined
  onSend: (body: string, isPrivate: boolean, attachment?: UploadedAttachment) => void
  onTyping: (on: boolean) => void
  /** The conversation's queue: canned responses for it, colleagues to mention from it. */
  queue: string
  user: { id: string; name: string }
  hotlineName: string
  canned: readonly CannedResponse[]
}

interface FileFacts {
  name: string
  size: number
  /** An object URL for an image's thumbnail, revoked when the file leaves the composer. */
  preview: string | null
}

type Attached = (FileFacts & { phase: 'uploading'; progress: number | null }) | (FileFacts & { phase: 'ready'; uploaded: UploadedAttachment })

/** What the error line says; kept as facts, not text, so it follows a language switch. */
type Problem =
  | { kind: 'check'; name: string; size: number; check: Extract<AttachmentCheck, { ok: false }> }
  | { kind: 'upload'; name: string; error: unknown }
  | { kind: 'wait' }

export function Composer({ conversationId, contactName, messageTypes, channelType, onSend, onTyping, queue, user, hotlineName, canned }: Props) {
  const { t, language } = useI18n()
  const [body, setBody] = useState(() => drafts.get(conversationId) ?? '')
  const [isPrivate, setPrivate] = useState(false)
  const [attached, setAttached] = useState<Attached | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [announcement, setAnnouncement] = useState<AttachmentAnnouncement | null>(null)
  const attachable = useMemo(() => attachableTypes(messageTypes), [messageTypes])
  const textarea = useRef<HTMLTextAreaElement>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  // The upload under way and the thumbnail shown, for cancelling and revoking (also on unmount).
  const upload = useRef<AbortController | null>(null)
  const preview = useRef<string | null>(null)
  const throttle = useRef(new TypingThrottle())
  const idleTimer = useRef<ReturnType<typeof setTimeout>>()
  const typingRef = useRef(onTyping)
  typingRef.current = onTyping
  const assist = useComposerAssist({
    body,
    isPrivate,
    queue,
    userId: user.id,
    canned,
    variables: { 'contact.name': contactName, 'agent.name': user.name, 'hotline.name': hotlineName, 'conversation.id': conversationId },
    replace: (text, caret) => {
      update(text)
      // Written to the box at once, caret included: deferring it to the next frame let fast typing
      // land before the caret moved, splitting the words around it.
      const element = textarea.current
      if (!element) return
      element.value = text
      element.focus()
      element.setSelectionRange(caret, caret)
    },
  })

  const stopTyping = () => {
    clearTimeout(idleTimer.current)
    if (throttle.current.stop()) typingRef.current(false)
  }

  /** Cancels the upload under way and frees the thumbnail. */
  const release = () => {
    upload.current?.abort()
    upload.current = null
    if (preview.current) URL.revokeObjectURL(preview.current)
    preview.current = null
  }

  /** Drops the file from the composer. */
  const discard = () => {
    release()
    setAttached(null)
  }

  useEffect(
    () => () => {
      stopTyping()
      release()
    },
    [],
  )

  const pick = (file: File) => {
    const name = file.name || t('message.attachment')
    const check = checkAttachment(file, attachable.mimeTypes)
    if (!check.ok) {
      // A file already attached stays: the refused one does not replace it.
      setProblem({ kind: 'check', name, size: file.size, check })
      setAnnouncement(null)
      return
    }
    discard()
    setProblem(null)
    const thumbnail = isPreviewable(check.mimeType) ? URL.createObjectURL(file) : null
    preview.current = thumbnail
    const controller = new AbortController()
    upload.current = controller
    const current = () => upload.current === controller
    setAttached({ phase: 'uploading', name, size: file.size, preview: thumbnail, progress: null })
    setAnnouncement({ kind: 'uploading', name })
    api
      .uploadAttachment(conversationId, file, check.mimeType, {
        signal: controller.signal,
        onProgress: (sent) => setAttached((shown) => (current() && shown?.phase === 'uploading' ? { ...shown, progress: sent } : shown)),
      })
      .then(({ attachment }) => {
        if (!current()) return
        upload.current = null
        setAttached({ phase: 'ready', name, size: attachment.size, preview: thumbnail, uploaded: { ...attachment, name: attachment.name ?? name } })
        setProblem((shown) => (shown?.kind === 'wait' ? null : shown))
        setAnnouncement({ kind: 'attached', name, size: attachment.size })
      })
      .catch((error: unknown) => {
        if (isAbort(error) || !current()) return
        upload.current = null
        discard()
        setProblem({ kind: 'upload', name, error })
        setAnnouncement(null)
      })
  }

  const remove = () => {
    const cancelled = attached?.phase === 'uploading'
    discard()
    setProblem(null)
    setAnnouncement({ kind: cancelled ? 'cancelled' : 'removed' })
    textarea.current?.focus()
  }

  const update = (value: string) => {
    setBody(value)
    drafts.set(conversationId, value)
    // Private notes are for colleagues: the citizen must not see "typing…" for them.
    if (isPrivate || !value) {
      stopTyping()
      return
    }
    if (throttle.current.keystroke(Date.now())) typingRef.current(true)
    clearTimeout(idleTimer.current)
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS)
  }

  const submit = (event?: Event) => {
    event?.preventDefault()
    const text = body.trim()
    if (!isPrivate && attached?.phase === 'uploading') {
      setProblem({ kind: 'wait' })
      return
    }
    const attachment = !isPrivate && attached?.phase === 'ready' ? attached.uploaded : undefined
    if (!text && !attachment) return
    onSend(text, isPrivate, attachment)
    stopTyping()
    setBody('')
    drafts.delete(conversationId)
    if (attachment) {
      // The pending entry names the file; the thumbnail is no longer needed.
      discard()
      setAnnouncement(null)
    }
    setProblem(null)
    // After a click on Send, the agent goes on typing where they were.
    textarea.current?.focus()
  }

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (assist.onKeyDown(event)) return
    // keyCode 229 is how some browsers flag keys that belong to an IME composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return
    event.preventDefault()
    submit()
  }

  const problemText = (() => {
    if (!problem) return ''
    if (problem.kind === 'wait') return t('attachment.waitForUpload')
    const reason =
      problem.kind === 'check'
        ? attachmentCheckText(problem.check, problem, attachable.mimeTypes, t, language)
        : attachmentErrorText(problem.error, t, language)
    return t('attachment.failed', { name: problem.name, reason })
  })()
  const announcementText = attachmentStatusText(announcement, t, language)
  const canAttach = !isPrivate && attachable.accept !== ''
  const segments = channelType === 'sms' && !isPrivate && body.trim() ? countSmsSegments(body) : null
  const label = isPrivate ? t('composer.noteLabel') : t('composer.replyLabel', { name: contactName })
  return (
    <form class={`composer${isPrivate ? ' note' : ''}`} onSubmit={submit}>
      <label for="reply-input" class="composer-label">
        {label}
      </label>
      {!isPrivate && attached && <AttachmentChip attached={attached} onRemove={remove} />}
      <textarea
        ref={textarea}
        id="reply-input"
        data-testid="reply-input"
        rows={3}
        value={body}
        // The reply-window warning (empty on most channels) is read with the box, where it matters.
        aria-describedby="reply-window-warning composer-hint sms-segments"
        aria-autocomplete="list"
        aria-controls={assist.open ? 'composer-suggestions' : undefined}
        aria-activedescendant={assist.open ? `composer-suggestion-${assist.activeIndex}` : undefined}
        onInput={(event) => {
          update(event.currentTarget.value)
          assist.setCaret(event.currentTarget.selectionStart ?? event.currentTarget.value.length)
        }}
        onKeyUp={(event) => {
          if (event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End') assist.setCaret(event.currentTarget.selectionStart ?? 0)
        }}
        onClick={(event) => assist.setCaret(event.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
      />
      <ComposerSuggestions assist={assist} />
      <p id="composer-error" class="composer-error" role="alert" data-testid="composer-error">
        {problemText}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="composer-status">
        {announcementText}
      </p>
      <div class="composer-bar">
        {canAttach && (
          <>
            <button
              type="button"
              class="button subtle attach-button"
              data-testid="attach-file"
              aria-describedby="composer-error"
              onClick={() => fileInput.current?.click()}
            >
              <PaperclipIcon />
              {t('attachment.attach')}
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              tabIndex={-1}
              accept={attachable.accept}
              data-testid="attachment-input"
              onChange={(event) => {
                const input = event.currentTarget
                const file = input.files?.[0]
                // Cleared so that picking the same file again (after removing it) fires a change.
                input.value = ''
                if (file) pick(file)
              }}
            />
          </>
        )}
        {canned.length > 0 && (
          <button type="button" class="button subtle" data-testid="canned-open" onClick={assist.startCanned}>
            {t('canned.open')}
          </button>
        )}
        <label class="toggle">
          <input
            type="checkbox"
            data-testid="private-toggle"
            checked={isPrivate}
            onChange={(event) => {
              setPrivate(event.currentTarget.checked)
              if (event.currentTarget.checked) {
                stopTyping()
                // Notes take no file, so what was said about one no longer applies.
                setProblem(null)
              }
            }}
          />
          <span>{t('composer.private')}</span>
        </label>
        <span id="composer-hint" class="composer-hint">
          {t('composer.hint')}
        </span>
        <span id="sms-segments" class="composer-hint" data-testid="sms-segments">
          {segments && t('composer.smsSegments', { count: segments.segments, encoding: segments.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode' })}
        </span>
        <button type="submit" class="button primary send-button" data-testid="reply-send">
          {isPrivate ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  )
}

/** The file waiting to be sent: thumbnail (images), name, size, upload progress, and a way to drop it (also a case reply's files). */
export function AttachmentChip({ attached, onRemove }: { attached: Attached; onRemove: () => void }) {
  const { t, language } = useI18n()
  const uploading = attached.phase === 'uploading'
  const percent = uploading && attached.progress !== null ? Math.floor(attached.progress * 100) : null
  return (
    <div class="composer-attachment" data-testid="composer-attachment" data-phase={attached.phase}>
      {attached.preview && <img class="composer-attachment-thumb" src={attached.preview} alt="" width={40} height={40} />}
      <span class="composer-attachment-facts">
        <span class="composer-attachment-name" data-testid="composer-attachment-name">
          {attached.name}
        </span>
        <span class="composer-attachment-size">{formatFileSize(attached.size, language)}</span>
        {uploading && (
          <span class="composer-attachment-progress" data-testid="composer-attachment-progress">
            <progress max={100} value={percent ?? undefined} aria-hidden="true" />
            {percent === null ? t('attachment.uploading') : t('attachment.uploadingPercent', { percent })}
          </span>
        )}
      </span>
      <button
        type="button"
        class="button subtle composer-attachment-remove"
        data-testid="attachment-remove"
        aria-label={uploading ? t('attachment.cancelUpload', { name: attached.name }) : t('attachment.remove', { name: attached.name })}
        onClick={onRemove}
      >
        {uploading ? t('attachment.cancelShort') : t('attachment.removeShort')}
      </button>
    </div>
  )
}

function PaperclipIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
      />
    </svg>
  )
}
