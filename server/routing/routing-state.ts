/**
 * The live routing state, in Redis, where every hub process sees the same numbers and one Lua
 * script makes each assignment atomic:
 *
 *   sb:routing:waiting:<queue>        ZSET conversation → waiting since (ms): who is next, and queue positions
 *   sb:routing:load:<agent>:<kind>    SET of the agent's active conversations of that kind (chat, call, email)
 *   sb:routing:last:<queue>           ZSET agent → when they last got one of the queue's conversations (fairness)
 *   sb:routing:rr:<queue>             round-robin counter
 *   sb:routing:presence               HASH agent → online | away | offline
 *   sb:routing:seen:<agent>           expiring heartbeat of the agent's inbox (an agent whose inbox vanished goes offline)
 *
 * The database stays the record (the conversation's assignee); this is the index that makes
 * "who gets it" a single atomic step under concurrent arrivals: a conversation leaves the waiting
 * set exactly once, and an agent's set never grows past the capacity passed in.
 */
import type { Redis } from 'ioredis'
import type { AssignmentMode, CapacityKind } from './routing-config.js'

export type Presence = 'online' | 'away' | 'offline'

export const routingKeys = {
  waiting: (queue: string) => `sb:routing:waiting:${queue}`,
  load: (agentId: string, kind: CapacityKind) => `sb:routing:load:${agentId}:${kind}`,
  lastAssigned: (queue: string) => `sb:routing:last:${queue}`,
  roundRobin: (queue: string) => `sb:routing:rr:${queue}`,
  presence: 'sb:routing:presence',
  /** HASH conversation → the citizen's realtime room, for telling them their place in line. */
  citizenRoom: 'sb:routing:citizen-room',
  /** LIST of the latest waits (seconds) before assignment in a queue: the expected-wait estimate. */
  waits: (queue: string) => `sb:routing:waits:${queue}`,
  seen: (agentId: string) => `sb:routing:seen:${agentId}`,
}

/**
 * KEYS: waiting, lastAssigned, roundRobin, then one load key per candidate.
 * ARGV: conversation id, mode, now (ms), then one capacity per candidate (same order).
 * Returns the chosen candidate's index (1-based), 0 when nobody has room, -1 when the
 * conversation is no longer waiting (someone else took it).
 */
const ASSIGN_SCRIPT = `
local conversation = ARGV[1]
if redis.call('ZSCORE', KEYS[1], conversation) == false then return -1 end
local mode = ARGV[2]
local count = #KEYS - 3
local chosen = 0
if mode == 'round_robin' then
  local start = redis.call('INCR', KEYS[3]) % count
  for step = 0, count - 1 do
    local index = ((start + step) % count) + 1
    if redis.call('SCARD', KEYS[3 + index]) < tonumber(ARGV[3 + index]) then chosen = index break end
  end
else
  local bestLoad, bestLast
  for index = 1, count do
    local load = redis.call('SCARD', KEYS[3 + index])
    if load < tonumber(ARGV[3 + index]) then
      local last = tonumber(redis.call('ZSCORE', KEYS[2], KEYS[3 + index]) or '0')
      if chosen == 0 or load < bestLoad or (load == bestLoad and last < bestLast) then
        chosen, bestLoad, bestLast = index, load, last
      end
    end
  end
end
if chosen == 0 then return 0 end
redis.call('SADD', KEYS[3 + chosen], conversation)
redis.call('ZREM', KEYS[1], conversation)
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), KEYS[3 + chosen])
return chosen
`

export interface Candidate {
  agentId: string
  capacity: number
}

export type AssignAttempt = { outcome: 'assigned'; agentId: string } | { outcome: 'no_capacity' } | { outcome: 'not_waiting' }

export function createRoutingState(redis: Redis) {
  return {
    /** Puts a conversation in its queue's line (keeps its place if it is there already). */
    async enqueue(queue: string, conversationId: string, waitingSince: Date): Promise<void> {
      await redis.zadd(routingKeys.waiting(queue), 'NX', waitingSince.getTime(), conversationId)
    },

    async dequeue(queue: string, conversationId: string): Promise<void> {
      await redis.zrem(routingKeys.waiting(queue), conversationId)
    },

    async rememberCitizenRoom(conversationId: string, room: string): Promise<void> {
      await redis.hset(routingKeys.citizenRoom, conversationId, room)
    },

    async citizenRooms(conversationIds: readonly string[]): Promise<(string | null)[]> {
      if (conversationIds.length === 0) return []
      return redis.hmget(routingKeys.citizenRoom, ...conversationIds)
    },

    async forgetCitizenRoom(conversationId: string): Promise<void> {
      await redis.hdel(routingKeys.citizenRoom, conversationId)
    },

    /** Records how long a conversation waited before an agent got it (the latest 20 per queue). */
    async recordWait(queue: string, seconds: number): Promise<void> {
      await redis
        .multi()
        .lpush(routingKeys.waits(queue), String(Math.max(0, Math.round(seconds))))
        .ltrim(routingKeys.waits(queue), 0, 19)
        .exec()
    },

    /** The median of the latest waits, or null before any. */
    async typicalWaitSeconds(queue: string): Promise<number | null> {
      const values = (await redis.lrange(routingKeys.waits(queue), 0, -1)).map(Number).sort((a, b) => a - b)
      if (values.length === 0) return null
      return values[Math.floor(values.length / 2)] ?? null
    },

    /** The oldest waiting conversations of a queue, first in line first. */
    async waiting(queue: string, limit: number): Promise<string[]> {
      return redis.zrange(routingKeys.waiting(queue), 0, limit - 1)
    },

    async waitingCount(queue: string): Promise<number> {
      return redis.zcard(routingKeys.waiting(queue))
    },

    /** 1-based place in line, or null when not waiting. */
    async position(queue: string, conversationId: string): Promise<number | null> {
      const rank = await redis.zrank(routingKeys.waiting(queue), conversationId)
      return rank === null ? null : rank + 1
    },

    /** When the first in line started waiting (ms), or null for an empty queue. */
    async oldestWaitingSince(queue: string): Promise<number | null> {
      const [, score] = await redis.zrange(routingKeys.waiting(queue), 0, 0, 'WITHSCORES')
      return score === undefined ? null : Number(score)
    },

    /** Gives the conversation to one of the candidates with room, atomically (see the script). */
    async assign(
      queue: string,
      conversationId: string,
      kind: CapacityKind,
      mode: Exclude<AssignmentMode, 'manual'>,
      candidates: readonly Candidate[],
      now: Date,
    ): Promise<AssignAttempt> {
      if (candidates.length === 0)
        return (await redis.zscore(routingKeys.waiting(queue), conversationId)) === null ? { outcome: 'not_waiting' } : { outcome: 'no_capacity' }
      const keys = [
        routingKeys.waiting(queue),
        routingKeys.lastAssigned(queue),
        routingKeys.roundRobin(queue),
        ...candidates.map((candidate) => routingKeys.load(candidate.agentId, kind)),
      ]
      const args = [conversationId, mode, String(now.getTime()), ...candidates.map((candidate) => String(candidate.capacity))]
      const result = Number(await redis.eval(ASSIGN_SCRIPT, keys.length, ...keys, ...args))
      if (result === -1) return { outcome: 'not_waiting' }
      const chosen = result > 0 ? candidates[result - 1] : undefined
      return chosen ? { outcome: 'assigned', agentId: chosen.agentId } : { outcome: 'no_capacity' }
    },

    /** Counts a conversation against an agent (manual assignment, a returning conversation). */
    async hold(agentId: string, kind: CapacityKind, conversationId: string): Promise<void> {
      await redis.sadd(routingKeys.load(agentId, kind), conversationId)
    },

    /** Frees the agent's room the conversation took. */
    async release(agentId: string, kind: CapacityKind, conversationId: string): Promise<void> {
      await redis.srem(routingKeys.load(agentId, kind), conversationId)
    },

    async load(agentId: string, kind: CapacityKind): Promise<number> {
      return redis.scard(routingKeys.load(agentId, kind))
    },

    async loads(agentIds: readonly string[], kind: CapacityKind): Promise<number[]> {
      if (agentIds.length === 0) return []
      const pipeline = redis.pipeline()
      for (const agentId of agentIds) pipeline.scard(routingKeys.load(agentId, kind))
      const results = (await pipeline.exec()) ?? []
      return results.map(([error, value]) => (error ? 0 : Number(value)))
    },

    async setPresence(agentId: string, presence: Presence): Promise<Presence> {
      const previous = (await redis.hget(routingKeys.presence, agentId)) as Presence | null
      await redis.hset(routingKeys.presence, agentId, presence)
      return previous ?? 'offline'
    },

    /** null for an agent who never said (no inbox opened since the hub started keeping presence). */
    async presenceOf(agentIds: readonly string[]): Promise<(Presence | null)[]> {
      if (agentIds.length === 0) return []
      const values = await redis.hmget(routingKeys.presence, ...agentIds)
      return values.map((value) => (value === 'online' || value === 'away' || value === 'offline' ? value : null))
    },

    /** Agents not offline (the sweep checks their heartbeats). */
    async presentAgents(): Promise<string[]> {
      const all = await redis.hgetall(routingKeys.presence)
      return Object.entries(all)
        .filter(([, presence]) => presence !== 'offline')
        .map(([agentId]) => agentId)
    },

    async heartbeat(agentId: string, ttlSeconds: number): Promise<void> {
      await redis.set(routingKeys.seen(agentId), '1', 'EX', ttlSeconds)
    },

    async isSeen(agentId: string): Promise<boolean> {
      return (await redis.exists(routingKeys.seen(agentId))) === 1
    },
  }
}

export type RoutingState = ReturnType<typeof createRoutingState>
