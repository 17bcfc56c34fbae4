/**
 * A short mutual-exclusion lock in Redis.
 *
 * Why: FerretDB 1.x applies updates as read-modify-write without isolation
 * (20 concurrent `$inc`s on one document lost 13 of them in our check), and
 * transactions are off the table. Every writer of one conversation takes this
 * lock, so seq allocation and counters stay exact on FerretDB and MongoDB alike.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError'
}

export async function withRedisLock<T>(redis: Redis, key: string, work: () => Promise<T>, options: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
  const ttlMs = options.ttlMs ?? 15_000
  const deadline = Date.now() + (options.waitMs ?? 10_000)
  const token = randomBytes(12).toString('base64url')
  let delay = 2
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new LockTimeoutError(`Timed out waiting for lock ${key}`)
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay))
    delay = Math.min(delay * 2, 50)
  }
  try {
    return await work()
  } finally {
    await redis.eval(RELEASE, 1, key, token)
  }
}
