/**
 * Staff sessions in Redis. The client holds a 256-bit random token (cookie or
 * bearer); Redis holds only its SHA-256, so a leaked Redis dump cannot be replayed.
 * Sessions slide: each use extends them by the TTL.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

export const SESSION_COOKIE = 'sb_session'

export interface SessionData {
  userId: string
  createdAt: string
}

const keyOf = (token: string) => `sb:session:${createHash('sha256').update(token).digest('hex')}`

export async function createSession(redis: Redis, userId: string, ttlSeconds: number): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const data: SessionData = { userId, createdAt: new Date().toISOString() }
  await redis.set(keyOf(token), JSON.stringify(data), 'EX', ttlSeconds)
  return token
}

export async function readSession(redis: Redis, token: string, ttlSeconds: number): Promise<SessionData | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const key = keyOf(token)
  const raw = await redis.getex(key, 'EX', ttlSeconds)
  if (!raw) return null
  try {
    return JSON.parse(raw) as SessionData
  } catch {
    return null
  }
}

export async function destroySession(redis: Redis, token: string): Promise<void> {
  await redis.del(keyOf(token))
}
