/**
 * Which rooms an event reaches. The one place that decides who hears what:
 * staff rooms get everything about a conversation; a citizen's room gets only
 * what the citizen may see (no private notes, no internal events).
 */
import type { HubEvent, Room } from './events.js'

export function contactRoom(channelId: string, externalId: string): Room {
  return `contact:${channelId}:${externalId}`
}

export function roomsForEvent(event: HubEvent): Room[] {
  switch (event.type) {
    case 'message.created':
    case 'conversation.updated': {
      const conversation = event.conversation
      const rooms: Room[] = [`conversation:${conversation.id}`, `queue:${conversation.queue}`, 'staff']
      if (conversation.assignee) rooms.push(`agent:${conversation.assignee.id}`)
      return rooms
    }
    case 'message.updated':
      return [`conversation:${event.conversationId}`]
    case 'conversation.typing':
      return [`conversation:${event.conversationId}`]
    case 'conversation.sla':
      return [`conversation:${event.conversationId}`, `queue:${event.queue}`, 'staff']
    case 'conversation.queue_position':
      // Only to the citizen's room, which the publisher names.
      return []
    case 'agent.mentioned':
      return [`agent:${event.agentId}`]
    case 'agent.presence':
      return ['staff', `agent:${event.agentId}`]
    case 'work_order.changed':
      return ['work-orders', ...event.departments.map((department): Room => `department:${department}`)]
  }
}
