/** Who may see and act on what. Checked on the server for every route and socket subscription. */
import type { ConversationDoc } from '../models/conversation.js'
import type { UserDoc } from '../models/user.js'
import type { Role } from '../presenters/dto.js'

/** Admins see every queue; anyone else only the queues they work, unless an admin granted them all (e.g. a duty manager). */
export function seesAllQueues(user: Pick<UserDoc, 'role' | 'allQueues'>): boolean {
  return user.role === 'admin' || user.allQueues === true
}

export function canAccessConversation(
  user: Pick<UserDoc, '_id' | 'role' | 'queues' | 'allQueues'>,
  conversation: Pick<ConversationDoc, 'queue' | 'assigneeId'>,
): boolean {
  return seesAllQueues(user) || user.queues.includes(conversation.queue) || conversation.assigneeId === user._id
}

/**
 * Agents may take an unassigned conversation or drop their own; taking one over from a
 * colleague, or assigning others, is a supervisor's job.
 */
export function canAssign(user: Pick<UserDoc, '_id' | 'role' | 'allQueues'>, assigneeId: string | null, currentAssigneeId: string | null): boolean {
  // Supervisors (and admins) assign anyone within what they can see; the caller has checked visibility.
  if (seesAllQueues(user) || user.role === 'supervisor') return true
  if (assigneeId === user._id) return currentAssigneeId === null || currentAssigneeId === user._id
  return assigneeId === null && currentAssigneeId === user._id
}

/** Who works conversations: everyone but department staff, who see only their department's work orders. */
export const HOTLINE_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent']
export const ALL_ROLES: readonly Role[] = [...HOTLINE_ROLES, 'department']

export function hasRole(user: Pick<UserDoc, 'role'>, allowed: readonly Role[]): boolean {
  return allowed.includes(user.role)
}
