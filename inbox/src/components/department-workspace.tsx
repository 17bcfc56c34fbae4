/**
 * The inbox of department staff (承办单位): only their department's work orders, to sign, handle,
 * return, extend and reply to, with the deadlines in view. No conversations, queues, presence or
 * phone: the hub refuses those to the role, so none of it is asked for.
 */
import { useState } from 'preact/hooks'
import type { UserDto } from '../../../server/presenters/dto.js'
import { useInboxSocket } from '../hooks/use-inbox-socket.js'
import { useWorkOrderMeta } from '../hooks/use-work-orders.js'
import { AppHeader } from './app-header.js'
import { ConnectionBanner } from './connection-banner.js'
import { WorkOrdersView } from './work-orders-view.js'

export function DepartmentWorkspace({ user, onLogout }: { user: UserDto; onLogout: () => void }) {
  const { socket, connection } = useInboxSocket()
  const meta = useWorkOrderMeta()
  const [selectedId, setSelectedId] = useState<string | null>(null)

  return (
    <div class="app">
      <AppHeader user={user} onLogout={onLogout} view="work-orders" views={['work-orders']} onViewChange={() => {}} />
      <ConnectionBanner state={connection} />
      <WorkOrdersView socket={socket} meta={meta} department={user.department ?? null} selectedId={selectedId} onSelect={setSelectedId} />
    </div>
  )
}
