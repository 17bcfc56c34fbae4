/**
 * Sends replies optimistically. The reply shows at once as a pending entry of the
 * timeline (keyed by clientId); the server's copy replaces it when the POST
 * answers or the socket pushes it, whichever comes first.
 *
 * POST is idempotent by clientId, so a reply whose request got no answer is
 * simply sent again later (and after every reconnect) until the server has it.
 * A reply the server refused is marked failed and offers a retry.
 */
import { useCallback, useEffect, useRef } from 'preact/hooks'
import type { MessageTimeline } from '../../../ui-kit/message-timeline.js'
import { ApiError, NetworkError } from '../api/http.js'
import { api, type UploadedAttachment } from '../api/inbox-api.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { newClientId } from '../state/client-id.js'

const RESEND_AFTER_MS = 5_000

export interface ReplySender {
  /** `attachment`: a file already uploaded to the conversation; the body may then be empty. */
  send: (body: string, isPrivate: boolean, attachment?: UploadedAttachment) => void
  retry: (clientId: string) => void
  isPrivate: (clientId: string) => boolean
  failureOf: (clientId: string) => unknown
  attachmentOf: (clientId: string) => UploadedAttachment | undefined
}

export function useReplySender(timeline: MessageTimeline | null, touch: () => void, socket: InboxSocket): ReplySender {
  // PendingMessage has no `private` flag, so notes are remembered here by clientId.
  const privateIds = useRef(new Set<string>())
  // Nor a file: a reply's attachment is remembered here too, for resends and for the pending entry.
  const attachments = useRef(new Map<string, UploadedAttachment>())
  const failures = useRef(new Map<string, unknown>())
  const inFlight = useRef(new Set<string>())

  const deliver = useCallback(
    async (target: MessageTimeline, clientId: string) => {
      const conversationId = target.conversationId
      const entry = target.entries().find((item) => item.kind === 'pending' && item.pending.clientId === clientId)
      if (!conversationId || entry?.kind !== 'pending' || inFlight.current.has(clientId)) return
      inFlight.current.add(clientId)
      try {
        const body = entry.pending.body
        const attachment = attachments.current.get(clientId)
        const { message } = await api.sendMessage(conversationId, {
          clientId,
          body,
          private: privateIds.current.has(clientId),
          ...(attachment ? { attachments: [{ url: attachment.url }] } : {}),
        })
        target.upsert(message)
      } catch (failure) {
        if (failure instanceof NetworkError) {
          setTimeout(() => {
            if (target.unconfirmed().some((pending) => pending.clientId === clientId)) deliver(target, clientId)
          }, RESEND_AFTER_MS)
        } else {
          failures.current.set(clientId, failure)
          const reason = failure instanceof ApiError ? failure.message || failure.code : String(failure)
          target.updatePending(clientId, { state: 'failed', error: reason })
        }
      } finally {
        inFlight.current.delete(clientId)
        touch()
      }
    },
    [touch],
  )

  useEffect(() => {
    if (!timeline) return
    return socket.onOpen(() => {
      for (const pending of timeline.unconfirmed()) deliver(timeline, pending.clientId)
    })
  }, [socket, timeline, deliver])

  const send = useCallback(
    (body: string, isPrivate: boolean, attachment?: UploadedAttachment) => {
      if (!timeline) return
      const clientId = newClientId()
      if (isPrivate) privateIds.current.add(clientId)
      if (attachment) attachments.current.set(clientId, attachment)
      timeline.addPending({ clientId, body, createdAt: new Date().toISOString(), state: 'sending' })
      touch()
      deliver(timeline, clientId)
    },
    [timeline, touch, deliver],
  )

  const retry = useCallback(
    (clientId: string) => {
      if (!timeline) return
      failures.current.delete(clientId)
      timeline.updatePending(clientId, { state: 'sending', error: undefined })
      touch()
      deliver(timeline, clientId)
    },
    [timeline, touch, deliver],
  )

  return {
    send,
    retry,
    isPrivate: (clientId) => privateIds.current.has(clientId),
    failureOf: (clientId) => failures.current.get(clientId),
    attachmentOf: (clientId) => attachments.current.get(clientId),
  }
}
