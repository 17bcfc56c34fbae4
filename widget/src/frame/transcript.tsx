/**
 * The transcript: role="log" (polite, additions only) so new messages are announced
 * once and changes of a message's state are not. It follows new messages only while
 * the visitor is at the bottom, so reading older ones is never interrupted. It is
 * focusable because it scrolls, and keyboard users must be able to scroll it.
 */
import { useLayoutEffect, useRef } from 'preact/hooks'
import type { FrameStrings } from '../i18n/catalogues.js'
import type { Lang } from '../i18n/languages.js'
import { MessageItem } from './message-item.js'
import type { MessageRow } from './message-rows.js'

interface TranscriptProps {
  rows: MessageRow[]
  greeting: string | null
  ended: boolean
  /** While the panel is hidden the log has no layout; scroll again when it is shown. */
  open: boolean
  lang: Lang
  t: FrameStrings
  onRetry: (clientId: string) => void
}

/** Within this many pixels of the end counts as "at the bottom". */
const STICK_THRESHOLD_PX = 48

export function Transcript({ rows, greeting, ended, open, lang, t, onRetry }: TranscriptProps) {
  const ref = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)

  useLayoutEffect(() => {
    const log = ref.current
    if (log && atBottom.current) log.scrollTop = log.scrollHeight
  }, [rows, greeting, ended, open])

  const onScroll = () => {
    const log = ref.current
    if (log) atBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_THRESHOLD_PX
  }

  return (
    <div ref={ref} class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label={t.transcript} tabIndex={0} onScroll={onScroll}>
      {greeting && <p class="greeting">{greeting}</p>}
      {rows.length === 0 && <p class="empty">{t.empty}</p>}
      {rows.map((row) => (
        <MessageItem key={row.key} row={row} lang={lang} t={t} onRetry={onRetry} />
      ))}
      {ended && <p class="ended">{t.conversationEnded}</p>}
    </div>
  )
}
