/**
 * Suggestions while typing a reply: "/shortcut" offers canned responses (variables filled in on
 * insert), "@name" in a private note offers colleagues of the conversation's queue. Arrow keys move,
 * Enter or Tab insert, Escape closes (and keeps the text as typed).
 */
import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import {
  type CannedResponse,
  type CannedVariables,
  fillVariables,
  matchCanned,
  replaceToken,
  slashQuery,
  type TokenAtCaret,
} from '../state/canned-responses.js'
import { type Mentionable, matchMentionables, mentionQuery, mentionText } from '../state/mentions.js'

export type Suggestion = { kind: 'canned'; id: string; response: CannedResponse } | { kind: 'mention'; id: string; person: Mentionable }

export interface ComposerAssist {
  suggestions: Suggestion[]
  activeIndex: number
  /** Whether the list is showing (something matched and it was not dismissed). */
  open: boolean
  /** Call first from the textarea's keydown; true when the key was used. */
  onKeyDown: (event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => boolean
  choose: (suggestion: Suggestion) => void
  /** Report the caret after input, clicks and selection changes. */
  setCaret: (caret: number) => void
  /** The picker button: types "/" at the caret, which opens the same list a keyboard user gets. */
  startCanned: () => void
}

interface Options {
  body: string
  isPrivate: boolean
  queue: string
  userId: string
  canned: readonly CannedResponse[]
  variables: CannedVariables
  /** Replaces the text and puts the caret at `caret`. */
  replace: (text: string, caret: number) => void
}

/** Colleagues of the queue, fetched the first time note mode is on. */
function useMentionables(queue: string, enabled: boolean): Mentionable[] {
  const [people, setPeople] = useState<Mentionable[] | null>(null)
  useEffect(() => {
    if (!enabled || people !== null) return
    let cancelled = false
    api
      .queueAgents(queue)
      .then(({ agents }) => !cancelled && setPeople(agents))
      .catch(() => !cancelled && setPeople([]))
    return () => {
      cancelled = true
    }
  }, [queue, enabled, people])
  return people ?? []
}

export function useComposerAssist({ body, isPrivate, queue, userId, canned, variables, replace }: Options): ComposerAssist {
  const [caret, setCaret] = useState(body.length)
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  const [activeIndex, setActiveIndex] = useState(0)
  const people = useMentionables(queue, isPrivate)

  const mention = isPrivate ? mentionQuery(body, caret) : null
  const slash = mention ? null : slashQuery(body, caret)
  const token: TokenAtCaret | null = mention ?? slash
  const suggestions: Suggestion[] = mention
    ? matchMentionables(people, mention.query, userId).map((person) => ({ kind: 'mention', id: person.id, person }))
    : slash
      ? matchCanned(canned, slash.query, queue).map((response) => ({ kind: 'canned', id: response.id, response }))
      : []
  const open = token !== null && suggestions.length > 0 && dismissedAt !== token.start
  const active = Math.min(activeIndex, Math.max(0, suggestions.length - 1))

  // A new token (or new matches) starts at the top of the list.
  const signature = `${token?.start ?? -1}:${token?.query ?? ''}`
  useEffect(() => setActiveIndex(0), [signature])
  // Escape closes the list for that "/" or "@" only: once it is gone, the next one opens it again.
  const hasToken = token !== null
  useEffect(() => {
    if (!hasToken) setDismissedAt(null)
  }, [hasToken])

  const choose = (suggestion: Suggestion) => {
    if (!token) return
    const insert = suggestion.kind === 'canned' ? fillVariables(suggestion.response.body, variables) : mentionText(suggestion.person)
    const next = replaceToken(body, token, insert)
    setCaret(next.caret)
    replace(next.text, next.caret)
  }

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.isComposing || event.keyCode === 229) return false
    const chosen = suggestions[active]
    switch (event.key) {
      case 'ArrowDown':
        setActiveIndex((active + 1) % suggestions.length)
        break
      case 'ArrowUp':
        setActiveIndex((active - 1 + suggestions.length) % suggestions.length)
        break
      case 'Enter':
      case 'Tab':
        if (event.shiftKey || !chosen) return false
        choose(chosen)
        break
      case 'Escape':
        setDismissedAt(token?.start ?? null)
        break
      default:
        return false
    }
    event.preventDefault()
    return true
  }

  const startCanned = () => {
    const at = Math.min(caret, body.length)
    const gap = at > 0 && !/\s/.test(body[at - 1] ?? '') ? ' ' : ''
    const next = replaceToken(body, { start: at, end: at }, `${gap}/`)
    setCaret(next.caret)
    setDismissedAt(null)
    replace(next.text, next.caret)
  }

  return { suggestions, activeIndex: active, open, onKeyDown, choose, setCaret, startCanned }
}
