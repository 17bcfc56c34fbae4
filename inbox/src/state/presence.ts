/**
 * An agent's availability for routing. Online agents are given conversations; away agents keep
 * theirs but get no new ones; offline agents' unanswered conversations go back to the queue.
 * The server forgets a presence ~60 s after the last beat, so the inbox repeats it every 20 s.
 */
export const PRESENCES = ['online', 'away', 'offline'] as const
export type Presence = (typeof PRESENCES)[number]

export const PRESENCE_HEARTBEAT_MS = 20_000

/** The preference name under which this browser remembers the agent's choice. */
export const PRESENCE_PREFERENCE = 'presence'

export function isPresence(value: unknown): value is Presence {
  return typeof value === 'string' && (PRESENCES as readonly string[]).includes(value)
}

/** The choice remembered by this browser, or online: opening the inbox means being ready to work. */
export function initialPresence(stored: string | null): Presence {
  return isPresence(stored) ? stored : 'online'
}

/** Offline needs no beat: the server stops expecting one once told. */
export function needsHeartbeat(presence: Presence): boolean {
  return presence !== 'offline'
}

/** Online agents first, then away, then offline; by name within each. */
export function byPresenceThenName<Agent extends { name: string; presence: Presence }>(agents: readonly Agent[], language: string): Agent[] {
  const rank = (presence: Presence) => PRESENCES.indexOf(presence)
  return [...agents].sort((a, b) => rank(a.presence) - rank(b.presence) || a.name.localeCompare(b.name, language))
}
