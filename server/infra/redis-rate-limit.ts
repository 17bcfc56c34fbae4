/**
 * A fixed-window request budget kept in Redis, so every API process counts together: used where
 * anyone on the internet may ask (public case lookups, Open311 posts).
 */
import type { Redis } from 'ioredis'

/** Takes one request from `key`'s budget; false when the window's budget is spent. */
export async function takeFromBudget(redis: Redis, key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const results = await redis.multi().incr(`sb:budget:${key}`).expire(`sb:budget:${key}`, windowSeconds, 'NX').exec()
  const count = Number(results?.[0]?.[1] ?? 0)
  return count <= limit
}
