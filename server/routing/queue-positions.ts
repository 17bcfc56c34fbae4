/**
 * Tells waiting citizens their place in line and the expected wait, whenever the line moves:
 * after each dispatch of their queue (arrivals, assignments, conversations leaving). The
 * estimate is the median of the queue's latest waits times the place in line, divided by the
 * agents online: rough, honest, and never a promise (null until the queue has history).
 */
import { contactRoom } from '../realtime/event-rooms.js'
import type { Room } from '../realtime/events.js'
import type { RoutingContext } from './dispatcher.js'
import { createRoutingState } from './routing-state.js'

/** Citizens told per run: those further back hear at the next move. */
const ANNOUNCED = 100

export async function announceQueuePositions(context: RoutingContext, queueId: string, onlineAgents: number): Promise<void> {
  const state = createRoutingState(context.redis)
  const waiting = await state.waiting(queueId, ANNOUNCED)
  if (waiting.length === 0) return
  const rooms = await state.citizenRooms(waiting)
  const typical = await state.typicalWaitSeconds(queueId)
  for (const [index, conversationId] of waiting.entries()) {
    const room = rooms[index]
    if (!room) continue
    const position = index + 1
    const expectedWaitSeconds = typical === null ? null : Math.round((typical * position) / Math.max(1, onlineAgents))
    await context.events.publish({ type: 'conversation.queue_position', conversationId, position, expectedWaitSeconds }, [room as Room])
  }
}

/** The citizen's conversation left the line (an agent took it): their widget stops showing a place. */
export async function announceOutOfLine(context: RoutingContext, conversationId: string): Promise<void> {
  const state = createRoutingState(context.redis)
  const [room] = await state.citizenRooms([conversationId])
  if (!room) return
  await context.events.publish({ type: 'conversation.queue_position', conversationId, position: null, expectedWaitSeconds: null }, [room as Room])
  await state.forgetCitizenRoom(conversationId)
}

export function citizenRoomOf(conversation: { channel: string; contactExternalId: string }): string {
  return contactRoom(conversation.channel, conversation.contactExternalId)
}
