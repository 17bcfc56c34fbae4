/**
 * Domain events over Redis pub/sub: every process publishes, every gateway
 * process hears every event once and routes it to its own sockets by room.
 * Pub/sub is fire-and-forget by design: clients that miss an event catch up
 * from the database by seq when they resume, so nothing is lost.
 */
import type { Redis } from 'ioredis'
import { roomsForEvent } from './event-rooms.js'
import type { HubEvent, Room } from './events.js'
import { EVENT_CHANNEL_PREFIX } from './events.js'

export interface EventEnvelope {
  rooms: Room[]
  event: HubEvent
}

const CHANNEL = `${EVENT_CHANNEL_PREFIX}all`

export interface EventBus {
  /** Publishes to the event's staff rooms plus any extra rooms (a citizen's room, say). */
  publish(event: HubEvent, extraRooms?: Room[]): Promise<void>
  /** Publishes to exactly these rooms (used to reach one citizen). */
  publishTo(rooms: Room[], event: HubEvent): Promise<void>
}

export function createEventBus(redis: Redis): EventBus {
  return {
    async publish(event, extraRooms = []) {
      const envelope: EventEnvelope = { rooms: [...roomsForEvent(event), ...extraRooms], event }
      await redis.publish(CHANNEL, JSON.stringify(envelope))
    },
    async publishTo(rooms, event) {
      await redis.publish(CHANNEL, JSON.stringify({ rooms, event } satisfies EventEnvelope))
    },
  }
}

/** Subscribes a dedicated connection; returns a function that unsubscribes. */
export async function subscribeToEvents(subscriber: Redis, onEnvelope: (envelope: EventEnvelope) => void): Promise<() => Promise<void>> {
  subscriber.on('message', (channel: string, payload: string) => {
    if (channel !== CHANNEL) return
    try {
      onEnvelope(JSON.parse(payload) as EventEnvelope)
    } catch {
      // A malformed envelope must never take the gateway down.
    }
  })
  await subscriber.subscribe(CHANNEL)
  return async () => {
    await subscriber.unsubscribe(CHANNEL)
  }
}
