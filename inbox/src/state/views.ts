/**
 * The inbox's views and who may open them: everyone works conversations; supervisors and admins
 * watch the wallboard and open Settings (supervisors for canned responses only, see settings.ts);
 * only admins see channel status. With one view there is no navigation.
 */
import type { Role } from '../../../server/presenters/dto.js'

export type View = 'conversations' | 'wallboard' | 'channels' | 'settings'

export function viewsFor(role: Role): readonly View[] {
  if (role === 'admin') return ['conversations', 'wallboard', 'channels', 'settings']
  if (role === 'supervisor') return ['conversations', 'wallboard', 'settings']
  return ['conversations']
}

/** The view to show: the chosen one if this role may see it, else the conversations. */
export function shownView(role: Role, chosen: View): View {
  return viewsFor(role).includes(chosen) ? chosen : 'conversations'
}
