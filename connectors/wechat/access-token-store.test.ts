import { describe, expect, it } from 'vitest'
import type { SharedCache } from '../spec.js'
import {
  type CachedAccessToken,
  createMemoryAccessTokenStore,
  createSharedAccessTokenStore,
  type FetchedAccessToken,
  shouldRefreshAccessToken,
} from './access-token-store.js'

const T0 = Date.UTC(2025, 0, 1, 8, 0, 0)
const at = (secondsAfterT0: number) => new Date(T0 + secondsAfterT0 * 1000)

/** A clock the test moves by hand. */
function manualClock() {
  let current = T0
  return {
    now: () => new Date(current),
    advance: (seconds: number) => {
      current += seconds * 1000
    },
  }
}

/** Hands out token-1, token-2… and counts the calls, optionally slowly so calls overlap. */
function tokenIssuer(expiresInSeconds = 7200, delayMs = 0) {
  let issued = 0
  return {
    get calls() {
      return issued
    },
    fetchToken: async (): Promise<FetchedAccessToken> => {
      issued += 1
      const accessToken = `token-${issued}`
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
      return { accessToken, expiresInSeconds }
    },
  }
}

/** An in-memory SharedCache with a real mutual-exclusion lock, standing in for Redis. */
function memoryCache(now: () => Date): SharedCache & { entries: Map<string, { value: string; expiresAt: number }> } {
  const entries = new Map<string, { value: string; expiresAt: number }>()
  const locks = new Map<string, Promise<unknown>>()
  return {
    entries,
    async get(key) {
      const entry = entries.get(key)
      return entry && entry.expiresAt > now().getTime() ? entry.value : null
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, expiresAt: now().getTime() + ttlSeconds * 1000 })
    },
    async delete(key) {
      entries.delete(key)
    },
    async withLock(key, work) {
      const previous = locks.get(key) ?? Promise.resolve()
      const run = previous.then(work, work)
      locks.set(
        key,
        run.catch(() => undefined),
      )
      return run
    },
  }
}

describe('shouldRefreshAccessToken', () => {
  const cached: CachedAccessToken = { token: 't', fetchedAt: T0, expiresAt: T0 + 7200_000 }

  it('refreshes when nothing is cached', () => {
    expect(shouldRefreshAccessToken(undefined, at(0))).toBe(true)
  })

  it('keeps a 2-hour token until 5 minutes before it expires', () => {
    expect(shouldRefreshAccessToken(cached, at(0))).toBe(false)
    expect(shouldRefreshAccessToken(cached, at(7200 - 301))).toBe(false)
    expect(shouldRefreshAccessToken(cached, at(7200 - 300))).toBe(true)
    expect(shouldRefreshAccessToken(cached, at(7200 + 10))).toBe(true)
  })

  it('refreshes a short-lived token at 80 % of its lifetime', () => {
    const short: CachedAccessToken = { token: 't', fetchedAt: T0, expiresAt: T0 + 600_000 }
    expect(shouldRefreshAccessToken(short, at(479))).toBe(false)
    expect(shouldRefreshAccessToken(short, at(480))).toBe(true)
  })

  it('honours a custom margin', () => {
    expect(shouldRefreshAccessToken(cached, at(7200 - 900), 600)).toBe(false)
    expect(shouldRefreshAccessToken(cached, at(7200 - 600), 600)).toBe(true)
  })
})

describe('createMemoryAccessTokenStore', () => {
  it('fetches once, then serves the cached token until it is due', async () => {
    const clock = manualClock()
    const issuer = tokenIssuer()
    const store = createMemoryAccessTokenStore({ fetchToken: issuer.fetchToken, now: clock.now })
    expect(await store.get()).toBe('token-1')
    clock.advance(6000)
    expect(await store.get()).toBe('token-1')
    clock.advance(1000) // 7000 s: inside the 5-minute margin
    expect(await store.get()).toBe('token-2')
    expect(issuer.calls).toBe(2)
  })

  it('shares one request between concurrent callers', async () => {
    const issuer = tokenIssuer(7200, 5)
    const store = createMemoryAccessTokenStore({ fetchToken: issuer.fetchToken, now: manualClock().now })
    expect(await Promise.all([store.get(), store.get(), store.get()])).toEqual(['token-1', 'token-1', 'token-1'])
    expect(issuer.calls).toBe(1)
  })

  it('invalidates only the token it was told about', async () => {
    const issuer = tokenIssuer()
    const store = createMemoryAccessTokenStore({ fetchToken: issuer.fetchToken, now: manualClock().now })
    await store.get()
    await store.invalidate('some-older-token')
    expect(await store.get()).toBe('token-1')
    await store.invalidate('token-1')
    expect(await store.get()).toBe('token-2')
  })

  it('retries the fetch after a failure', async () => {
    let attempts = 0
    const store = createMemoryAccessTokenStore({
      now: manualClock().now,
      fetchToken: async () => {
        attempts += 1
        if (attempts === 1) throw new Error('busy')
        return { accessToken: 'ok', expiresInSeconds: 7200 }
      },
    })
    await expect(store.get()).rejects.toThrow('busy')
    expect(await store.get()).toBe('ok')
  })
})

describe('createSharedAccessTokenStore', () => {
  it('lets one refresher serve every process sharing the cache', async () => {
    const clock = manualClock()
    const cache = memoryCache(clock.now)
    const issuer = tokenIssuer(7200, 5)
    const processes = [1, 2, 3].map(() =>
      createSharedAccessTokenStore({ cache, key: 'wechat:access-token:wx1', fetchToken: issuer.fetchToken, now: clock.now }),
    )
    expect(await Promise.all(processes.map((store) => store.get()))).toEqual(['token-1', 'token-1', 'token-1'])
    expect(issuer.calls).toBe(1)
    expect(JSON.parse(cache.entries.get('wechat:access-token:wx1')?.value ?? '{}')).toEqual({ token: 'token-1', fetchedAt: T0, expiresAt: T0 + 7200_000 })
  })

  it('refreshes before expiry and stores the entry with the token lifetime', async () => {
    const clock = manualClock()
    const cache = memoryCache(clock.now)
    const issuer = tokenIssuer()
    const store = createSharedAccessTokenStore({ cache, key: 'k', fetchToken: issuer.fetchToken, now: clock.now })
    await store.get()
    expect(cache.entries.get('k')?.expiresAt).toBe(T0 + 7200_000)
    clock.advance(6950)
    expect(await store.get()).toBe('token-2')
  })

  it('after a rejection, replaces the token once even when several callers report it', async () => {
    const clock = manualClock()
    const cache = memoryCache(clock.now)
    const issuer = tokenIssuer()
    const first = createSharedAccessTokenStore({ cache, key: 'k', fetchToken: issuer.fetchToken, now: clock.now })
    const second = createSharedAccessTokenStore({ cache, key: 'k', fetchToken: issuer.fetchToken, now: clock.now })
    await first.get()
    await first.invalidate('token-1')
    expect(await first.get()).toBe('token-2')
    // A slower process reporting the same, already replaced token must not drop token-2.
    await second.invalidate('token-1')
    expect(await second.get()).toBe('token-2')
    expect(issuer.calls).toBe(2)
  })

  it('treats a corrupt cache entry as missing', async () => {
    const clock = manualClock()
    const cache = memoryCache(clock.now)
    await cache.set('k', 'not json', 60)
    const store = createSharedAccessTokenStore({ cache, key: 'k', fetchToken: tokenIssuer().fetchToken, now: clock.now })
    expect(await store.get()).toBe('token-1')
  })
})
