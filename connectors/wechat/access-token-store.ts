/**
 * access_token caching. Fetching a new token revokes the previous one a few minutes later,
 * so every hub process must share one token and only one may refresh it at a time:
 * `createSharedAccessTokenStore` does that over the hub's SharedCache (Redis); the memory
 * store is for a single process and tests.
 */
import type { SharedCache } from '../spec.js'

export interface AccessTokenStore {
  /** A token that is not about to expire; fetches a new one when needed. */
  get(): Promise<string>
  /** WeChat rejected `token`: forget it, unless another caller already replaced it. */
  invalidate(token: string): Promise<void>
}

export interface FetchedAccessToken {
  accessToken: string
  expiresInSeconds: number
}

export type AccessTokenFetcher = () => Promise<FetchedAccessToken>

export interface CachedAccessToken {
  token: string
  /** Epoch milliseconds. */
  fetchedAt: number
  expiresAt: number
}

export const DEFAULT_REFRESH_MARGIN_SECONDS = 300

/**
 * Refresh `marginSeconds` before expiry, or at 80 % of the lifetime when that comes first
 * (a token WeChat issues for less than 25 minutes still gets refreshed before it dies).
 */
export function shouldRefreshAccessToken(cached: CachedAccessToken | undefined, now: Date, marginSeconds = DEFAULT_REFRESH_MARGIN_SECONDS): boolean {
  if (!cached) return true
  const lifetime = Math.max(0, cached.expiresAt - cached.fetchedAt)
  const margin = Math.min(marginSeconds * 1000, lifetime / 5)
  return now.getTime() >= cached.expiresAt - margin
}

interface StoreOptions {
  fetchToken: AccessTokenFetcher
  now: () => Date
  refreshMarginSeconds?: number
}

export function createMemoryAccessTokenStore(options: StoreOptions): AccessTokenStore {
  let cached: CachedAccessToken | undefined
  let refreshing: Promise<CachedAccessToken> | undefined

  return {
    async get() {
      if (cached && !shouldRefreshAccessToken(cached, options.now(), options.refreshMarginSeconds)) return cached.token
      // Single flight: concurrent callers share one request.
      refreshing ??= fetchCached(options).finally(() => {
        refreshing = undefined
      })
      cached = await refreshing
      return cached.token
    },
    async invalidate(token) {
      if (cached?.token === token) cached = undefined
    },
  }
}

export function createSharedAccessTokenStore(options: StoreOptions & { cache: SharedCache; key: string }): AccessTokenStore {
  const lockKey = `${options.key}:lock`
  const read = async () => parseCached(await options.cache.get(options.key))
  const isFresh = (cached: CachedAccessToken | undefined): cached is CachedAccessToken =>
    !shouldRefreshAccessToken(cached, options.now(), options.refreshMarginSeconds)

  return {
    async get() {
      const cached = await read()
      if (isFresh(cached)) return cached.token
      return options.cache.withLock(lockKey, async () => {
        // Another process may have refreshed while this one waited for the lock.
        const current = await read()
        if (isFresh(current)) return current.token
        const fetched = await fetchCached(options)
        const ttlSeconds = Math.max(1, Math.ceil((fetched.expiresAt - options.now().getTime()) / 1000))
        await options.cache.set(options.key, JSON.stringify(fetched), ttlSeconds)
        return fetched.token
      })
    },
    async invalidate(token) {
      await options.cache.withLock(lockKey, async () => {
        if ((await read())?.token === token) await options.cache.delete(options.key)
      })
    },
  }
}

async function fetchCached(options: StoreOptions): Promise<CachedAccessToken> {
  const fetchedAt = options.now().getTime()
  const fetched = await options.fetchToken()
  return { token: fetched.accessToken, fetchedAt, expiresAt: fetchedAt + fetched.expiresInSeconds * 1000 }
}

function parseCached(value: string | null): CachedAccessToken | undefined {
  if (!value) return undefined
  try {
    const parsed: unknown = JSON.parse(value)
    if (typeof parsed !== 'object' || parsed === null) return undefined
    const { token, fetchedAt, expiresAt } = parsed as Record<string, unknown>
    if (typeof token !== 'string' || typeof fetchedAt !== 'number' || typeof expiresAt !== 'number') return undefined
    return { token, fetchedAt, expiresAt }
  } catch {
    return undefined
  }
}
