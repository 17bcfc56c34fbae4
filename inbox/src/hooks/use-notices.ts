/**
 * In-app toasts (and, when the agent allowed them and the tab is hidden, browser notifications)
 * for a colleague's @mention and for a conversation newly assigned to me. Conversations already
 * mine are remembered first (and again after each reconnect) so they are not announced as new.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import type { Translate } from '../i18n/languages.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { AssignmentWatch } from '../state/assignment-notice.js'

export type Notice =
  | { id: number; kind: 'mention'; conversationId: string; name: string }
  | { id: number; kind: 'assigned'; conversationId: string; name: string }

/** Toasts stay until dismissed (nothing the agent needs should vanish on a timer, WCAG 2.2.1); only the newest few are kept. */
const MAX_NOTICES = 3

export function noticeText(notice: Notice, t: Translate): string {
  return notice.kind === 'mention' ? t('notice.mention', { name: notice.name }) : t('notice.assigned', { name: notice.name })
}

/** The mention frame's author, whether the hub sends a name or a user. */
function authorName(by: unknown): string {
  if (typeof by === 'string') return by
  if (typeof by === 'object' && by !== null && typeof (by as { name?: unknown }).name === 'string') return (by as { name: string }).name
  return ''
}

export interface Notices {
  notices: Notice[]
  dismiss: (id: number) => void
}

export function useNotices(socket: InboxSocket, userId: string, t: Translate, open: (conversationId: string) => void): Notices {
  const [notices, setNotices] = useState<Notice[]>([])
  const watch = useRef(new AssignmentWatch(userId))
  const counter = useRef(0)
  const translate = useRef(t)
  translate.current = t
  const openRef = useRef(open)
  openRef.current = open

  const dismiss = useCallback((id: number) => setNotices((shown) => shown.filter((notice) => notice.id !== id)), [])

  const push = useCallback((notice: Omit<Notice, 'id'>) => {
    const id = ++counter.current
    const full: Notice = { ...notice, id }
    setNotices((shown) => [...shown.filter((item) => !(item.kind === full.kind && item.conversationId === full.conversationId)), full].slice(-MAX_NOTICES))
    if (document.visibilityState !== 'visible' && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        const shown = new Notification(translate.current('app.title'), {
          body: noticeText(full, translate.current),
          tag: `${full.kind}-${full.conversationId}`,
        })
        shown.onclick = () => {
          window.focus()
          openRef.current(full.conversationId)
        }
      } catch {
        // Some browsers only allow notifications from a service worker; the toast remains.
      }
    }
  }, [])

  useEffect(() => {
    const remember = () =>
      api
        .conversations({ status: 'all', assignee: 'me', channel: null })
        .then((page) => watch.current.remember(page.conversations))
        .catch(() => {})
    remember()
    const offOpen = socket.onOpen(remember)
    const offFrame = socket.onFrame((frame) => {
      if (frame.type === 'conversation') {
        if (watch.current.newlyMine(frame.conversation))
          push({ kind: 'assigned', conversationId: frame.conversation.id, name: frame.conversation.contact.name })
        return
      }
      if (frame.type === 'mention') push({ kind: 'mention', conversationId: frame.conversationId, name: authorName(frame.by) })
    })
    return () => {
      offOpen()
      offFrame()
    }
  }, [socket, push])

  return { notices, dismiss }
}
