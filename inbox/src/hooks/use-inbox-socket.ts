/**
 * The signed-in app's one socket, for its lifetime: the test hook can drop it, and when it gives
 * up (a fatal close: the session is gone) /api/me confirms, and its 401 shows the login.
 */
import { useEffect, useState } from 'preact/hooks'
import type { ConnectionState } from '../../../ui-kit/reconnecting-socket.js'
import { api } from '../api/inbox-api.js'
import { InboxSocket } from '../realtime/inbox-socket.js'
import { setCurrentConnection } from '../realtime/test-hook.js'
import { useConnectionState } from './use-connection-state.js'

export function useInboxSocket(): { socket: InboxSocket; connection: ConnectionState } {
  const [socket] = useState(() => new InboxSocket())
  useEffect(() => {
    setCurrentConnection(socket)
    return () => {
      setCurrentConnection(null)
      socket.close()
    }
  }, [socket])
  const connection = useConnectionState(socket)
  useEffect(() => {
    if (connection === 'closed') api.me().catch(() => {})
  }, [connection])
  return { socket, connection }
}
