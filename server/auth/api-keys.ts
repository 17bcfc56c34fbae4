/**
 * API keys (Open311 POSTs, departments' systems), read from the environment variable the config names
 * (comma-separated), and checked in constant time: every key is compared, each through a
 * fixed-length digest, so neither a key's length nor how much of it matched shows in the timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

export interface ApiKeys {
  readonly count: number
  /** The 1-based number of the key `candidate` is (for the audit trail), or null. */
  match(candidate: string | undefined | null): number | null
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()

export function readApiKeys(environment: Readonly<Record<string, string | undefined>>, name: string): ApiKeys {
  const keys = (environment[name] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map(digest)
  return {
    count: keys.length,
    match(candidate) {
      if (!candidate) return null
      const given = digest(candidate)
      let found = 0
      keys.forEach((key, index) => {
        // No early exit: the time taken does not depend on which key (if any) matched.
        if (timingSafeEqual(key, given)) found = index + 1
      })
      return found === 0 ? null : found
    },
  }
}
