/**
 * The inbox lists' index, in Redis: sorted sets of conversation ids by last activity, one per
 * status and queue (and per status and assignee, and per status and queue for the unassigned).
 *
 * Why: a list page is "newest first among what this user may see, after a cursor". FerretDB
 * pushes down neither ranges nor `$in` and sorts in memory, so on 10k conversations that query
 * took seconds (bench:inbox). Here a page is a few ZREVRANGEBYSCOREs in one pipeline, then the
 * page's conversations read by `_id`: the same small number of round trips on any page of any
 * view, whatever the volume. The database stays the record; `rebuildListIndex` recreates the
 * index from it (at boot when missing), and every write of a conversation's status, queue,
 * assignee or activity goes through `indexConversation`.
 */
import type { Redis } from 'ioredis'
import type { ConversationDoc } from '../models/conversation.js'

export type ListStatus = 'open' | 'pending' | 'snoozed' | 'resolved'
export const LIST_STATUSES: readonly ListStatus[] = ['open', 'pending', 'snoozed', 'resolved']

export const listKeys = {
  queue: (status: string, queue: string) => `sb:list:${status}:q:${queue}`,
  unassigned: (status: string, queue: string) => `sb:list:${status}:u:${queue}`,
  assignee: (status: string, agentId: string) => `sb:list:${status}:a:${agentId}`,
  /** Set once the index holds every conversation (after a rebuild). */
  ready: 'sb:list:ready',
  /** HASH conversation id → the conversation as last written (JSON): list rows without a database read. */
  rows: 'sb:list:rows',
  /** SET of every label in use (the inbox's label filter). */
  labels: 'sb:list:labels',
}

type Indexed = Pick<ConversationDoc, '_id' | 'status' | 'queue' | 'assigneeId' | 'lastMessageAt' | 'createdAt'>

export function listScore(conversation: Pick<ConversationDoc, 'lastMessageAt' | 'createdAt'>): number {
  return new Date(conversation.lastMessageAt ?? conversation.createdAt).getTime()
}

function keysOf(conversation: Indexed): string[] {
  const keys = [listKeys.queue(conversation.status, conversation.queue)]
  if (conversation.assigneeId) keys.push(listKeys.assignee(conversation.status, conversation.assigneeId))
  else keys.push(listKeys.unassigned(conversation.status, conversation.queue))
  return keys
}

/**
 * Moves a conversation to the sets its new state belongs in (before: null for a new one) and keeps
 * its row. Called by every write of a conversation, under its lock, after the database write.
 */
export async function indexConversation(redis: Redis, before: Indexed | null, after: ConversationDoc): Promise<void> {
  const next = keysOf(after)
  const pipeline = redis.pipeline()
  if (before) for (const key of keysOf(before)) if (!next.includes(key)) pipeline.zrem(key, before._id)
  for (const key of next) pipeline.zadd(key, listScore(after), after._id)
  pipeline.hset(listKeys.rows, after._id, JSON.stringify(after))
  if (after.labels.length > 0) pipeline.sadd(listKeys.labels, ...after.labels)
  await pipeline.exec()
}

/** Labels that have been used on conversations, sorted. */
export async function labelsInUse(redis: Redis): Promise<string[]> {
  return (await redis.smembers(listKeys.labels)).sort()
}

/**
 * The stored rows of these conversations, in order; null where none is stored (read those from the
 * database). Dates come back as ISO strings: readers wrap them in `new Date()`.
 */
export async function readListRows(redis: Redis, ids: readonly string[]): Promise<(ConversationDoc | null)[]> {
  if (ids.length === 0) return []
  const values = await redis.hmget(listKeys.rows, ...ids)
  return values.map((value) => (value ? (JSON.parse(value) as ConversationDoc) : null))
}

export async function isListIndexReady(redis: Redis): Promise<boolean> {
  return (await redis.exists(listKeys.ready)) === 1
}

export interface ListSource {
  key: string
}

/**
 * The newest ids across the given sets, strictly after the cursor (score, id) in list order:
 * each set read from the cursor down (over-reading by the ties), merged, deduplicated.
 */
export async function readListPage(
  redis: Redis,
  keys: readonly string[],
  limit: number,
  cursor?: { score: number; id: string },
): Promise<{ id: string; score: number }[]> {
  if (keys.length === 0) return []
  const pipeline = redis.pipeline()
  const max = cursor ? String(cursor.score) : '+inf'
  // Entries with the cursor's own score may come before or after it (ordered by id): read enough of them.
  const read = limit + 1 + TIE_ALLOWANCE
  for (const key of keys) pipeline.zrevrangebyscore(key, max, '-inf', 'WITHSCORES', 'LIMIT', 0, read)
  const results = (await pipeline.exec()) ?? []
  const seen = new Map<string, number>()
  for (const [error, value] of results) {
    if (error) throw error
    const flat = value as string[]
    for (let index = 0; index < flat.length; index += 2) seen.set(flat[index] as string, Number(flat[index + 1]))
  }
  return [...seen.entries()]
    .map(([id, score]) => ({ id, score }))
    .filter((entry) => !cursor || entry.score < cursor.score || (entry.score === cursor.score && entry.id < cursor.id))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit + 1)
}

/** Conversations sharing one millisecond of last activity, beyond which a page may skip some (never in practice). */
const TIE_ALLOWANCE = 50

/** Recreates the index from the database, in batches (boot, or after Redis lost it). */
export async function rebuildListIndex(redis: Redis, batches: AsyncIterable<ConversationDoc[]>, log: (message: string) => void): Promise<number> {
  let count = 0
  for await (const batch of batches) {
    const pipeline = redis.pipeline()
    for (const conversation of batch) {
      for (const key of keysOf(conversation)) pipeline.zadd(key, listScore(conversation), conversation._id)
      pipeline.hset(listKeys.rows, conversation._id, JSON.stringify(conversation))
      if (conversation.labels?.length) pipeline.sadd(listKeys.labels, ...conversation.labels)
    }
    await pipeline.exec()
    count += batch.length
    if (count % 50_000 === 0) log(`list index: ${count} conversations indexed`)
  }
  await redis.set(listKeys.ready, String(Date.now()))
  return count
}
