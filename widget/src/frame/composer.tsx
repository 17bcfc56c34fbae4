/**
 * The message box. Enter sends and Shift+Enter adds a line, except while an input
 * method is composing (Chinese pinyin uses Enter to confirm a candidate). The
 * counter is described-by, not live, so it is read on focus and not on every key.
 */
import type { Ref } from 'preact'
import { useState } from 'preact/hooks'
import { format } from '../../../ui-kit/i18n.js'
import type { FrameStrings } from '../i18n/catalogues.js'
import type { SendResult } from './chat-client.js'

interface ComposerProps {
  t: FrameStrings
  maxLength: number
  inputRef: Ref<HTMLTextAreaElement>
  onSend: (text: string) => SendResult
  onTyping: (hasText: boolean) => void
  onError: (message: string) => void
}

export function Composer({ t, maxLength, inputRef, onSend, onTyping, onError }: ComposerProps) {
  const [text, setText] = useState('')
  const over = text.length - maxLength
  const counter = format(t.counter, { count: text.length, max: maxLength })

  const submit = () => {
    const result = onSend(text)
    if (result === 'queued') setText('')
    if (result === 'too-long') onError(format(t.tooLong, { over }))
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <label for="sb-input" class="label">
        {t.inputLabel}
      </label>
      <div class="composer-row">
        <textarea
          id="sb-input"
          ref={inputRef}
          rows={2}
          value={text}
          aria-describedby="sb-hint sb-counter"
          aria-invalid={over > 0}
          onInput={(event) => {
            const value = event.currentTarget.value
            setText(value)
            onTyping(value.trim().length > 0)
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return
            event.preventDefault()
            submit()
          }}
        />
        <button type="submit" class="send">
          {t.send}
        </button>
      </div>
      <div class="composer-help">
        <span id="sb-hint">{t.inputHint}</span>
        <span id="sb-counter" class={over > 0 ? 'counter is-over' : 'counter'}>
          {over > 0 ? `${counter}. ${format(t.tooLong, { over })}` : counter}
        </span>
      </div>
    </form>
  )
}
