/**
 * The conversation list as a pure reducer: pages from REST and live frames from
 * the socket go through the same ordering and filter rules.
 */
import type { ConversationDto } from '../../../server/presenters/dto.js'
import { acceptsNewRows, type ListFilter, matchesFilter } from './filters.js'
import { withSlaFrame } from './sla.js'

export interface ListState {
  items: ConversationDto[]
  nextCursor: string | null
}

export type ListAction =
  | { type: 'replace'; conversations: ConversationDto[]; nextCursor: string | null }
  | { type: 'append'; conversations: ConversationDto[]; nextCursor: string | null }
  | { type: 'upsert'; conversation: ConversationDto; filter: ListFilter; userId: string }
  | { type: 'sla'; frame: { conversationId: string; target: string; state: string; dueAt: string } }
  | { type: 'clear' }

export const EMPTY_LIST: ListState = { items: [], nextCursor: null }

function activityMs(conversation: ConversationDto): number {
  return Date.parse(conversation.lastMessageAt ?? conversation.createdAt) || 0
}

/** Most recent activity first, like the API; ties broken by id so the order never flickers. */
export function compareConversations(a: ConversationDto, b: ConversationDto): number {
  return activityMs(b) - activityMs(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'replace':
      return { items: [...action.conversations].sort(compareConversations), nextCursor: action.nextCursor }
    case 'append': {
      // A conversation that moved while paging can come back on the next page; keep the copy we hold.
      const known = new Set(state.items.map((item) => item.id))
      const fresh = action.conversations.filter((item) => !known.has(item.id))
      return { items: [...state.items, ...fresh].sort(compareConversations), nextCursor: action.nextCursor }
    }
    case 'upsert':
      return upsert(state, action.conversation, action.filter, action.userId)
    case 'sla': {
      const items = state.items.map((item) => withSlaFrame(item, action.frame))
      return items.some((item, index) => item !== state.items[index]) ? { ...state, items } : state
    }
    case 'clear':
      return EMPTY_LIST
  }
}

function upsert(state: ListState, conversation: ConversationDto, filter: ListFilter, userId: string): ListState {
  const index = state.items.findIndex((item) => item.id === conversation.id)
  if (!matchesFilter(conversation, filter, userId)) {
    if (index === -1) return state
    return { ...state, items: state.items.filter((item) => item.id !== conversation.id) }
  }
  if (index === -1) {
    if (!acceptsNewRows(filter)) return state
    // Older than everything loaded while more pages exist: it belongs to a page not fetched yet.
    const last = state.items.at(-1)
    if (state.nextCursor !== null && last && compareConversations(conversation, last) > 0) return state
    return { ...state, items: [...state.items, conversation].sort(compareConversations) }
  }
  const items = [...state.items]
  items[index] = conversation
  return { ...state, items: items.sort(compareConversations) }
}
