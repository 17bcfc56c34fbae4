/**
 * What the hub knows about the citizen: details (phone and email arrive masked for agents), tags,
 * and their conversations on every channel (click to open; those in queues the user cannot see are
 * only counted). Supervisors and admins can merge another contact in, and undo that right after.
 * Below 1180 px it is a drawer over the conversation: opening it moves focus to its heading;
 * Escape or its Close button shut it and return focus to the header's toggle; tabbing or clicking
 * out of it shuts it too, so focus is never hidden behind it.
 */
import type { JSX, RefObject } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ContactDto, ConversationDto, UserDto } from '../../../server/presenters/dto.js'
import { errorText } from '../api/error-text.js'
import { api, type ContactMerge, type ContactWithTags } from '../api/inbox-api.js'
import { useContactHistory } from '../hooks/use-contact-history.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { MergeCandidate } from '../state/contact-history.js'
import { ChipEditor } from './chip-editor.js'
import { MergeDialog, mergeErrorText } from './merge-dialog.js'

/** "zh-CN" → "中文（中国）" / "Chinese (China)"; the raw tag if the browser cannot name it. */
function languageName(tag: string, displayLanguage: string): string {
  try {
    return new Intl.DisplayNames([displayLanguage], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

interface Props {
  contact: ContactDto
  user: UserDto
  /** The conversation on screen, marked in the history. */
  conversationId: string
  channelName: (channelId: string) => string
  onOpen: (conversationId: string) => void
  /** Narrow screens: whether the drawer is open, how it closes (returning focus to the toggle or not), and the toggle. */
  drawer: { open: boolean; onClose: (returnFocus: boolean) => void; toggle: RefObject<HTMLButtonElement> }
}

type MergeNotice = { kind: 'merged'; merge: ContactMerge; sourceName: string } | { kind: 'reverted'; sourceName: string } | { kind: 'error'; text: string }

export function ContactPanel({ contact: initial, user, conversationId, channelName, onOpen, drawer }: Props) {
  const { t, language } = useI18n()
  const { state, reload } = useContactHistory(initial.id)
  const contact: ContactWithTags = state.phase === 'ready' ? state.history.contact : initial
  // Tags the hub accepted in this session; until the contact DTO carries tags, the panel starts from none.
  const [tags, setTags] = useState<string[] | null>(null)
  const shownTags = tags ?? contact.tags ?? []
  const [merging, setMerging] = useState(false)
  const [notice, setNotice] = useState<MergeNotice | null>(null)
  const [undoing, setUndoing] = useState(false)
  const supervises = user.role !== 'agent'
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (drawer.open) heading.current?.focus()
  }, [drawer.open])

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    // A dialog opened from the panel (merge) handles its own Escape.
    if (!drawer.open || event.key !== 'Escape' || (event.target as Element).closest('dialog')) return
    event.preventDefault()
    drawer.onClose(true)
  }
  const onFocusOut = (event: JSX.TargetedFocusEvent<HTMLElement>) => {
    const next = event.relatedTarget
    if (!drawer.open || !(next instanceof Node) || event.currentTarget.contains(next) || next === drawer.toggle.current) return
    drawer.onClose(false)
  }

  const changeTags = async (change: { add?: string[]; remove?: string[] }) => {
    try {
      const { contact: after } = await api.setContactTags(contact.id, change)
      const local = [...new Set([...shownTags, ...(change.add ?? [])])].filter((tag) => !(change.remove ?? []).includes(tag))
      setTags(after.tags ?? local)
      return true
    } catch (failure) {
      setNotice({ kind: 'error', text: t('tags.error', { reason: errorText(failure, t) }) })
      return false
    }
  }

  const onMerged = (merge: ContactMerge, source: MergeCandidate) => {
    setMerging(false)
    setNotice({ kind: 'merged', merge, sourceName: source.name })
    reload()
  }

  const undo = async () => {
    if (notice?.kind !== 'merged' || undoing) return
    setUndoing(true)
    try {
      await api.revertMerge(notice.merge.id)
      setNotice({ kind: 'reverted', sourceName: notice.sourceName })
      reload()
    } catch (failure) {
      setNotice({ kind: 'error', text: mergeErrorText(failure, t) })
    } finally {
      setUndoing(false)
    }
  }

  return (
    <aside
      id="contact-panel"
      class={`contact-panel${drawer.open ? ' drawer-open' : ''}`}
      aria-labelledby="contact-heading"
      data-testid="contact-panel"
      onKeyDown={onKeyDown}
      onFocusOut={onFocusOut}
    >
      <div class="contact-panel-head">
        <h2 id="contact-heading" ref={heading} tabIndex={-1}>
          {t('contact.title')}
        </h2>
        <button type="button" class="button subtle contact-close" data-testid="contact-close" onClick={() => drawer.onClose(true)}>
          {t('contact.close')}
        </button>
      </div>
      <p class="contact-name">{contact.name}</p>
      <dl>
        {contact.phone && (
          <>
            <dt>{t('contact.phone')}</dt>
            <dd>{contact.phone}</dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t('contact.email')}</dt>
            <dd>{contact.email}</dd>
          </>
        )}
        {contact.language && (
          <>
            <dt>{t('contact.language')}</dt>
            <dd>{languageName(contact.language, language)}</dd>
          </>
        )}
      </dl>

      <h3 id="contact-tags-heading">{t('tags.title')}</h3>
      <ChipEditor kind="tag" values={shownTags} onChange={changeTags} />

      <div class="merge-status" role="status" data-testid="merge-status">
        {notice?.kind === 'merged' && (
          <p>
            {t('merge.done', { source: notice.sourceName, target: contact.name, count: notice.merge.movedConversations })}{' '}
            <button type="button" class="button subtle" data-testid="merge-undo" aria-busy={undoing} onClick={undo}>
              {t('merge.undo')}
            </button>
          </p>
        )}
        {notice?.kind === 'reverted' && <p>{t('merge.reverted', { source: notice.sourceName })}</p>}
        {notice?.kind === 'error' && <p class="form-error">{notice.text}</p>}
      </div>
      {supervises && (
        <button type="button" class="button merge-open" data-testid="merge-open" aria-haspopup="dialog" onClick={() => setMerging(true)}>
          {t('merge.open')}
        </button>
      )}
      {merging && <MergeDialog target={contact} channelName={channelName} onMerged={onMerged} onClose={() => setMerging(false)} />}

      <h3 id="contact-history-heading">{t('history.title')}</h3>
      {state.phase === 'loading' && <p role="status">{t('history.loading')}</p>}
      {state.phase === 'error' && (
        <p class="form-error">
          {t('history.error', { reason: errorText(state.error, t) })}{' '}
          <button type="button" class="button subtle" onClick={reload}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {state.phase === 'ready' && (
        <HistoryList
          conversations={state.history.conversations}
          hidden={state.history.hidden}
          currentId={conversationId}
          channelName={channelName}
          onOpen={onOpen}
        />
      )}

      {contact.identities.length > 0 && (
        <>
          <h3>{t('contact.identities')}</h3>
          <ul class="identities">
            {contact.identities.map((identity) => (
              <li key={`${identity.channel}:${identity.externalId}`}>
                <span class="identity-channel">{channelName(identity.channel)}</span>
                <span class="identity-id">{identity.externalId}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  )
}

function HistoryList(props: {
  conversations: ConversationDto[]
  hidden: number
  currentId: string
  channelName: (id: string) => string
  onOpen: (id: string) => void
}) {
  const { t, time } = useI18n()
  return (
    <>
      {props.conversations.length === 0 && <p>{t('history.empty')}</p>}
      <ul class="contact-history" aria-labelledby="contact-history-heading" data-testid="contact-history">
        {props.conversations.map((conversation) => {
          const current = conversation.id === props.currentId
          const at = conversation.lastMessageAt ?? conversation.createdAt
          return (
            <li key={conversation.id}>
              <button
                type="button"
                class={`history-item${current ? ' current' : ''}`}
                aria-current={current ? 'true' : undefined}
                data-testid="contact-history-item"
                data-conversation-id={conversation.id}
                onClick={() => props.onOpen(conversation.id)}
              >
                <span class="history-line">
                  <span class="history-channel">{props.channelName(conversation.channel)}</span>
                  <span class={`status-pill status-${conversation.status}`}>{t(`status.${conversation.status}`)}</span>
                </span>
                <span class="history-preview">{conversation.lastMessage?.preview || t('row.noMessages')}</span>
                <time class="history-time" dateTime={at}>
                  {time.day(at)}
                </time>
                {current && <span class="history-current">{t('history.current')}</span>}
              </button>
            </li>
          )
        })}
      </ul>
      {props.hidden > 0 && (
        <p class="history-hidden" data-testid="contact-history-hidden">
          {t('history.hidden', { count: props.hidden })}
        </p>
      )}
    </>
  )
}
