/**
 * Reply box. Enter sends and Shift+Enter adds a line, except while an IME is
 * composing (Enter then confirms the pinyin candidate and must not send).
 * Drafts are kept per conversation for the session, so switching away loses nothing.
 */

import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../i18n/i18n-context.js'
import { TYPING_IDLE_MS, TypingThrottle } from '../realtime/typing-throttle.js'

const drafts = new Map<string, string>()

interface Props {
  conversationId: string
  contactName: string
  onSend: (body: string, isPrivate: boolean) => void
  onTyping: (on: boolean) => void
}

export function Composer({ conversationId, contactName, onSend, onTyping }: Props) {
  const { t } = useI18n()
  const [body, setBody] = useState(() => drafts.get(conversationId) ?? '')
  const [isPrivate, setPrivate] = useState(false)
  const throttle = useRef(new TypingThrottle())
  const idleTimer = useRef<ReturnType<typeof setTimeout>>()
  const typingRef = useRef(onTyping)
  typingRef.current = onTyping

  const stopTyping = () => {
    clearTimeout(idleTimer.current)
    if (throttle.current.stop()) typingRef.current(false)
  }

  useEffect(() => () => stopTyping(), [])

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
    if (!text) return
    onSend(text, isPrivate)
    stopTyping()
    setBody('')
    drafts.delete(conversationId)
  }

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229 is how some browsers flag keys that belong to an IME composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return
    event.preventDefault()
    submit()
  }

  const label = isPrivate ? t('composer.noteLabel') : t('composer.replyLabel', { name: contactName })
  return (
    <form class={`composer${isPrivate ? ' note' : ''}`} onSubmit={submit}>
      <label for="reply-input" class="composer-label">
        {label}
      </label>
      <textarea
        id="reply-input"
        data-testid="reply-input"
        rows={3}
        value={body}
        // The reply-window warning (empty on most channels) is read with the box, where it matters.
        aria-describedby="reply-window-warning composer-hint"
        onInput={(event) => update(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
      />
      <div class="composer-bar">
        <label class="toggle">
          <input
            type="checkbox"
            data-testid="private-toggle"
            checked={isPrivate}
            onChange={(event) => {
              setPrivate(event.currentTarget.checked)
              if (event.currentTarget.checked) stopTyping()
            }}
          />
          <span>{t('composer.private')}</span>
        </label>
        <span id="composer-hint" class="composer-hint">
          {t('composer.hint')}
        </span>
        <button type="submit" class="button primary" data-testid="reply-send">
          {isPrivate ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  )
}
