/** The chat panel inside the iframe: wires the session, the client and the loader link to the view. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { FRAME_STRINGS, type FrameStrings } from '../i18n/catalogues.js'
import { CaseLookup } from './case-lookup.js'
import type { ChatSnapshot } from './chat-client.js'
import { Composer } from './composer.js'
import { Header } from './header.js'
import { MAX_MESSAGE_LENGTH } from './limits.js'
import { toRows } from './message-rows.js'
import type { FrameParams } from './params.js'
import { connectParent } from './parent-link.js'
import { ConnectionStatus, connectionText, ErrorAlert, QueueStatus, SentAnnouncer, TypingStatus } from './status-regions.js'
import { Transcript } from './transcript.js'
import { useChatClient } from './use-chat-client.js'
import { useDocumentVisible, usePanelOpen } from './use-panel.js'
import { type SessionStatus, useSession } from './use-session.js'

function errorText(session: SessionStatus, local: string | null, error: ChatSnapshot['error'], t: FrameStrings): string | null {
  if (session === 'unavailable') return t.errorUnavailable
  if (local) return local
  if (!error) return null
  if (error.code === 'frame_too_large' || error.code === 'message_too_long') return t.errorTooLarge
  if (error.code === 'rate_limited') return t.errorRateLimited
  return error.clientId ? t.errorSendFailed : t.errorGeneric
}

export function App({ params }: { params: FrameParams }) {
  const t = FRAME_STRINGS[params.lang]
  const link = useMemo(() => connectParent(params.parentOrigin), [params])
  const [client, snapshot] = useChatClient(params.channelId, params.lang)
  const session = useSession(params, link, client)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const focusInput = useCallback(() => inputRef.current?.focus(), [])
  const open = usePanelOpen(link, focusInput)
  const visible = useDocumentVisible()
  const [localError, setLocalError] = useState<string | null>(null)
  const [lookupOpen, setLookupOpen] = useState(false)
  const lookupButton = useRef<HTMLButtonElement>(null)
  const closeLookup = useCallback(() => {
    setLookupOpen(false)
    lookupButton.current?.focus()
  }, [])
  const rows = useMemo(() => toRows(snapshot.entries), [snapshot.entries])
  const title = session.channel?.title[params.lang] || t.title
  const maxLength = Math.min(MAX_MESSAGE_LENGTH, session.channel?.maxMessageLength ?? MAX_MESSAGE_LENGTH)

  useEffect(() => client.setVisible(open && visible), [client, open, visible])
  useEffect(() => link.post({ type: 'unread', count: snapshot.unread }), [link, snapshot.unread])
  useEffect(() => {
    document.title = title
  }, [title])

  const requestClose = useCallback(() => link.post({ type: 'close' }), [link])
  useEffect(() => {
    if (!link.embedded) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.isComposing) requestClose()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [link, requestClose])

  // Last effect on purpose: every listener above is in place before the loader answers with init.
  useEffect(() => {
    if (link.embedded) link.post({ type: 'ready' })
    else focusInput()
  }, [link, focusInput])

  return (
    <div class="widget">
      <Header
        title={title}
        t={t}
        onClose={link.embedded ? requestClose : undefined}
        lookup={{ open: lookupOpen, controls: 'sb-case-lookup', onToggle: () => (lookupOpen ? closeLookup() : setLookupOpen(true)), buttonRef: lookupButton }}
      />
      <ConnectionStatus text={connectionText(session.status, snapshot.state, t)} />
      {lookupOpen && <CaseLookup id="sb-case-lookup" t={t} channelId={params.channelId} token={session.token} lang={params.lang} onClose={closeLookup} />}
      <Transcript
        rows={rows}
        greeting={session.channel?.greeting[params.lang] || null}
        ended={snapshot.conversationStatus === 'resolved'}
        open={open}
        lang={params.lang}
        t={t}
        onRetry={(clientId) => client.retry(clientId)}
      />
      <QueueStatus queue={snapshot.queue} t={t} />
      <TypingStatus typing={snapshot.agentTyping} t={t} />
      <ErrorAlert text={errorText(session.status, localError, snapshot.error, t)} />
      <SentAnnouncer clientId={snapshot.lastAcked} t={t} />
      <Composer
        t={t}
        maxLength={maxLength}
        inputRef={inputRef}
        onSend={(text) => {
          const result = client.send(text)
          if (result === 'queued') setLocalError(null)
          return result
        }}
        onTyping={(hasText) => client.noteTyping(hasText)}
        onError={setLocalError}
      />
    </div>
  )
}
