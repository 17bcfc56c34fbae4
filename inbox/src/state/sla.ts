/**
 * SLA badges: which target to show and how. State is always said in words (and a symbol),
 * colour only repeats it (WCAG 1.4.1).
 */
import type { ConversationDto, SlaTargetDto } from '../../../server/presenters/dto.js'

export type SlaTarget = 'firstResponse' | 'resolution'
export type SlaState = SlaTargetDto['state']

export interface SlaBadge {
  target: SlaTarget
  state: SlaState
  dueAt: string
}

const URGENCY: Record<SlaState, number> = { breached: 0, missed: 1, at_risk: 2, running: 3, met: 4 }
const SLA_STATES: readonly SlaState[] = ['running', 'at_risk', 'breached', 'met', 'missed']

export function slaTargets(conversation: Pick<ConversationDto, 'sla'>): SlaBadge[] {
  const sla = conversation.sla
  if (!sla) return []
  const badges: SlaBadge[] = []
  if (sla.firstResponse) badges.push({ target: 'firstResponse', ...sla.firstResponse })
  if (sla.resolution) badges.push({ target: 'resolution', ...sla.resolution })
  return badges
}

/** The one badge a list row has room for: the most urgent target, and only when it needs attention. */
export function rowSlaBadge(conversation: Pick<ConversationDto, 'sla' | 'status'>): SlaBadge | null {
  const ranked = slaTargets(conversation).sort((a, b) => URGENCY[a.state] - URGENCY[b.state] || Date.parse(a.dueAt) - Date.parse(b.dueAt))
  const first = ranked[0]
  if (!first || first.state === 'running' || first.state === 'met') return null
  return first
}

/** Applies a live `sla` frame to the conversation it concerns (same object when nothing changes). */
export function withSlaFrame<Conversation extends Pick<ConversationDto, 'id' | 'sla'>>(
  conversation: Conversation,
  frame: { conversationId: string; target: string; state: string; dueAt: string },
): Conversation {
  if (conversation.id !== frame.conversationId) return conversation
  if (frame.target !== 'firstResponse' && frame.target !== 'resolution') return conversation
  if (!SLA_STATES.includes(frame.state as SlaState)) return conversation
  const current = conversation.sla?.[frame.target]
  if (current?.state === frame.state && current.dueAt === frame.dueAt) return conversation
  return { ...conversation, sla: { ...conversation.sla, [frame.target]: { state: frame.state as SlaState, dueAt: frame.dueAt } } }
}

export const SLA_SYMBOL: Record<SlaState, string> = { running: '◷', at_risk: '⚠', breached: '✕', missed: '✕', met: '✓' }
