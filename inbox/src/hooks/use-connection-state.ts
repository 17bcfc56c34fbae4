import { useEffect, useState } from 'preact/hooks'
import type { ConnectionState } from '../../../ui-kit/reconnecting-socket.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'

export function useConnectionState(socket: InboxSocket): ConnectionState {
  const [state, setState] = useState(socket.state)
  useEffect(() => {
    setState(socket.state)
    return socket.onStateChange(setState)
  }, [socket])
  return state
}
