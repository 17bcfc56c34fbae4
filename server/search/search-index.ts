/**
 * The inbox search index, in Redis: one sorted set per term, of the conversations whose messages
 * or contact mention it, scored by last activity and trimmed to the newest ones. Why not the
 * database: FerretDB has no text indexes and pushes down no regex, so a text search there would
 * scan every message; this stays a handful of Redis reads whatever the volume. A lost index only
 * loses search hits, never data (it is rebuilt as conversations move).
 */
import type { Redis } from 'ioredis'
import { queryTerms, searchTerms } from './search-terms.js'

const key = (term: string) => `sb:search:${term}`
/** Conversations kept per term: a search shows the newest matches, as a list would. */
export const MAX_POSTINGS_PER_TERM = 2000
/** Candidates a search returns before the caller filters them. */
export const MAX_SEARCH_RESULTS = 200

export async function indexConversationText(redis: Redis, conversationId: string, text: string, at: Date): Promise<void> {
  const terms = searchTerms(text)
  if (terms.length === 0) return
  const pipeline = redis.pipeline()
  for (const term of terms) {
    pipeline.zadd(key(term), at.getTime(), conversationId)
    pipeline.zremrangebyrank(key(term), 0, -(MAX_POSTINGS_PER_TERM + 1))
  }
  await pipeline.exec()
}

/** Conversation ids matching every term of the query, most recently active first. */
export async function searchConversations(redis: Redis, query: string, limit = MAX_SEARCH_RESULTS): Promise<string[]> {
  const terms = queryTerms(query)
  if (terms.length === 0) return []
  if (terms.length === 1) return redis.zrevrange(key(terms[0] as string), 0, limit - 1)
  // Intersect from the rarest term: its postings bound the work.
  const sizes = await Promise.all(terms.map((term) => redis.zcard(key(term))))
  const ordered = terms.map((term, index) => ({ term, size: sizes[index] ?? 0 })).sort((a, b) => a.size - b.size)
  if ((ordered[0]?.size ?? 0) === 0) return []
  const [rarest, ...rest] = ordered
  const candidates = await redis.zrevrange(key(rarest?.term ?? ''), 0, -1)
  // One round trip: every candidate's score in every other term's set.
  const pipeline = redis.pipeline()
  for (const id of candidates) for (const other of rest) pipeline.zscore(key(other.term), id)
  const scores = (await pipeline.exec()) ?? []
  const matches: string[] = []
  candidates.forEach((id, index) => {
    const own = scores.slice(index * rest.length, (index + 1) * rest.length)
    if (matches.length < limit && own.every(([error, score]) => !error && score !== null)) matches.push(id)
  })
  return matches
}
