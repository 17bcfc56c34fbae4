/** The connectors' SharedCache on Redis: shared by every hub process (e.g. one WeChat access_token per AppID). */
import type { Redis } from 'ioredis'
import type { SharedCache } from '../../connectors/spec.js'
import { withRedisLock } from './redis-lock.js'

const PREFIX = 'sb:connector-cache:'

export function createRedisSharedCache(redis: Redis): SharedCache {
  return {
    get: (key) => redis.get(PREFIX + key),
    async set(key, value, ttlSeconds) {
      await redis.set(PREFIX + key, value, 'EX', Math.max(1, Math.round(ttlSeconds)))
    },
    async delete(key) {
      await redis.del(PREFIX + key)
    },
    // Token refreshes call a provider over the network: allow them 30 s before another process takes over.
    withLock: (key, work) => withRedisLock(redis, `${PREFIX}lock:${key}`, work, { ttlMs: 30_000, waitMs: 35_000 }),
  }
}
