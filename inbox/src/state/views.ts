/**
 * The inbox's views and who may open them: hotline staff work conversations and work orders;
 * supervisors and admins watch the wallboard and open Settings (supervisors for canned responses
 * only, see settings.ts); only admins see channel status. Department staff see only their
 * department's work orders. With one view there is no navigation.
 */
import type { Role } from '../../../server/presenters/dto.js'

export type View = 'conversations' | 'work-orders' | 'wallboard' | 'channels' | 'settings'

export function viewsFor(role: Role): readonly View[] {
  if (role === 'admin') return ['conversations', 'work-orders', 'wallboard', 'channels', 'settings']
  if (role === 'supervisor') return ['conversations', 'work-orders', 'wallboard', 'settings']
  if (role === 'department') return ['work-orders']
  return ['conversations', 'work-orders']
}

/** The view to show: the chosen one if this role may see it, else the role's first view. */
export function shownView(role: Role, chosen: View): View {
  const views = viewsFor(role)
  return views.includes(chosen) ? chosen : (views[0] ?? 'conversations')
}
