/**
 * The inbox's views and who may open them: everyone works conversations; supervisors and admins
 * watch the wallboard; only admins see channel status. With one view there is no navigation.
 */
import type { Role } from '../../../server/presenters/dto.js'

export type View = 'conversations' | 'wallboard' | 'channels'

export function viewsFor(role: Role): readonly View[] {
  if (role === 'admin') return ['conversations', 'wallboard', 'channels']
  if (role === 'supervisor') return ['conversations', 'wallboard']
  return ['conversations']
}

/** The view to show: the chosen one if this role may see it, else the conversations. */
export function shownView(role: Role, chosen: View): View {
  return viewsFor(role).includes(chosen) ? chosen : 'conversations'
}
