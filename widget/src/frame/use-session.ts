/**
 * Gets a visitor session and starts the chat client with its token.
 *
 * Embedded: the token comes from the loader's `init` (host page storage) and a new
 * one goes back as `token`. Stand-alone (frame opened directly): the frame's own
 * storage is first-party, so it keeps the token itself. Network and 5xx failures are
 * retried with backoff; a refused token on the socket (client state 'closed') means
 * the session expired mid-visit, so a new one is fetched.
 */
import { useEffect, useState } from 'preact/hooks'
import { browserStorage, readVisitorToken, writeVisitorToken } from '../token-store.js'
import type { ChatClient } from './chat-client.js'
import type { FrameParams } from './params.js'
import type { ParentLink } from './parent-link.js'
import { fetchSession, SessionError, type WidgetSession } from './session-api.js'

export type SessionStatus = 'waiting' | 'loading' | 'retrying' | 'ready' | 'unavailable'

const MAX_BACKOFF_MS = 30_000

export function useSession(params: FrameParams, link: ParentLink, client: ChatClient) {
  const [status, setStatus] = useState<SessionStatus>('waiting')
  const [channel, setChannel] = useState<WidgetSession['channel'] | null>(null)
  // The visitor token also identifies the citizen to the case lookup (cases filed from this chat).
  const [visitorToken, setVisitorToken] = useState<string | null>(null)

  useEffect(() => {
    const storage = link.embedded ? null : browserStorage()
    let token: string | null = null
    let started = false
    let cancelled = false
    let attempt = 0
    let timer: ReturnType<typeof setTimeout> | undefined

    const retryLater = () => {
      timer = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempt))
      attempt += 1
    }

    async function connect() {
      // Stay on 'retrying' between attempts, so the status region does not re-announce every few seconds.
      setStatus((current) => (current === 'ready' || current === 'retrying' ? current : 'loading'))
      try {
        const session = await fetchSession(params.channelId, token)
        if (cancelled) return
        if (session.token !== token) {
          token = session.token
          link.post({ type: 'token', token })
          writeVisitorToken(storage, params.channelId, token)
        }
        setChannel(session.channel)
        setVisitorToken(session.token)
        setStatus('ready')
        client.start(session.token, session.channel.maxMessageLength)
      } catch (error) {
        if (cancelled) return
        if (error instanceof SessionError && error.permanent) {
          setStatus('unavailable')
          return
        }
        setStatus('retrying')
        retryLater()
      }
    }

    const begin = (initialToken: string | null) => {
      if (started) return
      started = true
      token = initialToken
      void connect()
    }

    let previous = client.state
    const unsubscribe = client.subscribe(() => {
      const state = client.state
      // Reset the backoff only once a connection really works, so a token the socket keeps refusing cannot spin.
      if (state === 'ready') attempt = 0
      if (state === 'closed' && previous !== 'closed') retryLater()
      previous = state
    })
    const unlisten = link.listen((message) => {
      if (message.type === 'init') begin(message.token)
    })
    if (!link.embedded) begin(readVisitorToken(storage, params.channelId))

    return () => {
      cancelled = true
      clearTimeout(timer)
      unsubscribe()
      unlisten()
    }
  }, [params, link, client])

  return { status, channel, token: visitorToken }
}
