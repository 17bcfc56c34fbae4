/**
 * The supervisors' wallboard, as GET /api/routing/wallboard sends it: per queue, conversations
 * waiting, the longest wait, and its agents by presence with load against capacity. The payload
 * is checked here so a hub of another version shows an error instead of a broken table.
 */
import type { Translate } from '../i18n/languages.js'
import { isPresence, PRESENCES, type Presence } from './presence.js'

export const LOAD_KINDS = ['chat', 'call', 'email'] as const
export type LoadKind = (typeof LOAD_KINDS)[number]

export interface WallboardAgent {
  id: string
  name: string
  presence: Presence
  load: Record<LoadKind, number>
  capacity: Record<LoadKind, number>
}

export interface WallboardQueue {
  id: string
  assignment: string
  waiting: number
  longestWaitSeconds: number | null
  agents: WallboardAgent[]
}

export class WallboardFormatError extends Error {
  constructor() {
    super('The hub sent a wallboard this inbox does not understand')
    this.name = 'WallboardFormatError'
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0)

function parseKinds(value: unknown): Record<LoadKind, number> {
  const record = isRecord(value) ? value : {}
  return { chat: count(record.chat), call: count(record.call), email: count(record.email) }
}

function parseAgent(value: unknown): WallboardAgent | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string') return null
  return {
    id: value.id,
    name: value.name,
    presence: isPresence(value.presence) ? value.presence : 'offline',
    load: parseKinds(value.load),
    capacity: parseKinds(value.capacity),
  }
}

export function parseWallboard(payload: unknown): WallboardQueue[] {
  if (!isRecord(payload) || !Array.isArray(payload.queues)) throw new WallboardFormatError()
  return payload.queues.flatMap((queue): WallboardQueue[] => {
    if (!isRecord(queue) || typeof queue.id !== 'string') return []
    const longest = queue.longestWaitSeconds
    return [
      {
        id: queue.id,
        assignment: typeof queue.assignment === 'string' ? queue.assignment : '',
        waiting: count(queue.waiting),
        longestWaitSeconds: typeof longest === 'number' && Number.isFinite(longest) ? Math.max(0, longest) : null,
        agents: (Array.isArray(queue.agents) ? queue.agents : []).flatMap((agent) => parseAgent(agent) ?? []),
      },
    ]
  })
}

/** How many of a queue's agents are in each presence. */
export function presenceCounts(agents: readonly Pick<WallboardAgent, 'presence'>[]): Record<Presence, number> {
  const counts = Object.fromEntries(PRESENCES.map((presence) => [presence, 0])) as Record<Presence, number>
  for (const agent of agents) counts[agent.presence] += 1
  return counts
}

/** A wait on a wallboard: seconds matter in the first minutes, then minutes, then hours. */
export function formatWaitSeconds(seconds: number | null, t: Translate): string {
  if (seconds === null) return t('wallboard.noWait')
  const whole = Math.floor(Math.max(0, seconds))
  if (whole < 60) return t('duration.seconds', { seconds: whole })
  const minutes = Math.floor(whole / 60)
  if (minutes < 60) return t('duration.minutesSeconds', { minutes, seconds: whole % 60 })
  if (minutes < 1440) return t('duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })
  return t('duration.days', { days: Math.floor(minutes / 1440), hours: Math.floor(minutes / 60) % 24 })
}

/** "2 / 5" style: load against capacity; a capacity of zero means the agent does not take that kind. */
export function loadText(load: number, capacity: number, t: Translate): string {
  return capacity > 0 ? t('wallboard.loadOf', { load, capacity }) : t('wallboard.notTaken')
}
