/**
 * A per-process SharedCache for when the hub gives none (a single process, tests). Attachments
 * staged here are only readable by this process, and the IMAP position is forgotten on restart
 * (the poller then takes unread mail again; the hub dedupes by Message-ID).
 */
import type { SharedCache } from '../spec.js'

export function createMemoryCache(now: () => Date): SharedCache {
  const entries = new Map<string, { value: string; expiresAt: number }>()
  const locks = new Map<string, Promise<unknown>>()
  return {
    async get(key) {
      const entry = entries.get(key)
      if (!entry) return null
      if (entry.expiresAt <= now().getTime()) {
        entries.delete(key)
        return null
      }
      return entry.value
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, expiresAt: now().getTime() + ttlSeconds * 1000 })
    },
    async delete(key) {
      entries.delete(key)
    },
    withLock(key, work) {
      const previous = locks.get(key) ?? Promise.resolve()
      const result = previous.then(work, work)
      const settled = result.catch(() => undefined)
      locks.set(key, settled)
      void settled.then(() => {
        if (locks.get(key) === settled) locks.delete(key)
      })
      return result
    },
  }
}
