/** Acts as a citizen's widget: opens a session over HTTP, then speaks the widget socket protocol. */
import type { MessageDto } from '../../server/presenters/dto.js'
import type { WidgetServerFrame } from '../../server/realtime/protocol.js'
import { openSocket, type TestSocket } from './socket-client.js'
import type { TestHub } from './test-hub.js'

export interface Visitor {
  token: string
  visitorId: string
  socket: TestSocket<WidgetServerFrame>
  ready: Extract<WidgetServerFrame, { type: 'ready' }>
  say(text: string, clientId?: string): Promise<MessageDto>
  messages(): MessageDto[]
}

let counter = 0

export async function connectVisitor(hub: TestHub, options: { token?: string; resume?: { conversationId: string; seq: number } } = {}): Promise<Visitor> {
  let token = options.token
  if (!token) {
    const response = await hub.api('/api/widget/session', { method: 'POST', json: { channelId: 'web' } })
    token = ((await response.json()) as { token: string }).token
  }
  const socket = await openSocket<WidgetServerFrame>(`${hub.wsUrl}/ws/widget?channel=web`)
  socket.send({ type: 'hello', token, ...(options.resume ? { resume: options.resume } : {}) })
  const ready = (await socket.waitFor((frame) => frame.type === 'ready')) as Extract<WidgetServerFrame, { type: 'ready' }>
  const visitorToken = token
  return {
    token: visitorToken,
    visitorId: ready.visitorId,
    socket,
    ready,
    async say(text, clientId = `client-${Date.now()}-${counter++}`) {
      socket.send({ type: 'message', clientId, text })
      await socket.waitFor((frame) => frame.type === 'ack' && frame.clientId === clientId)
      const frame = await socket.waitFor((candidate) => candidate.type === 'message' && candidate.message.clientId === clientId)
      return (frame as Extract<WidgetServerFrame, { type: 'message' }>).message
    },
    messages: () => socket.frames.flatMap((frame) => (frame.type === 'message' ? [frame.message] : [])),
  }
}
