/** Which local sockets are in which rooms. One per gateway process; rooms are plain strings. */
import type { EventEnvelope } from './event-bus.js'
import type { Room } from './events.js'

export interface RoomMember {
  /** Called once per event with the subset of the event's rooms this member is in. */
  deliver(envelope: EventEnvelope, rooms: ReadonlySet<Room>): void
}

export class RoomRegistry {
  private readonly members = new Map<Room, Set<RoomMember>>()

  join(room: Room, member: RoomMember): void {
    let set = this.members.get(room)
    if (!set) {
      set = new Set()
      this.members.set(room, set)
    }
    set.add(member)
  }

  leave(room: Room, member: RoomMember): void {
    const set = this.members.get(room)
    if (!set) return
    set.delete(member)
    if (set.size === 0) this.members.delete(room)
  }

  /** Delivers an event once to every member of any of its rooms. */
  dispatch(envelope: EventEnvelope): void {
    const matched = new Map<RoomMember, Set<Room>>()
    for (const room of envelope.rooms) {
      for (const member of this.members.get(room) ?? []) {
        let rooms = matched.get(member)
        if (!rooms) {
          rooms = new Set()
          matched.set(member, rooms)
        }
        rooms.add(room)
      }
    }
    for (const [member, rooms] of matched) member.deliver(envelope, rooms)
  }

  get roomCount(): number {
    return this.members.size
  }
}
