/**
 * Brute-force guard for sign-in, counted in Redis so every API process shares it.
 *
 * Only failures count: a hotline's agents often sit behind one NAT address and all sign in
 * at shift change, so successful sign-ins must never lock the floor out. Failures are
 * limited per account (guessing one password) and, more loosely, per address (spraying many).
 */
import type { Redis } from 'ioredis'

const WINDOW_SECONDS = 900
const FAILURES_PER_ACCOUNT = 10
const FAILURES_PER_ADDRESS = 100

const accountKey = (email: string) => `sb:login-failures:account:${email.toLowerCase()}`
const addressKey = (ip: string) => `sb:login-failures:address:${ip}`

export async function isLoginThrottled(redis: Redis, email: string, ip: string): Promise<boolean> {
  const [account, address] = await redis.mget(accountKey(email), addressKey(ip))
  return Number(account ?? 0) >= FAILURES_PER_ACCOUNT || Number(address ?? 0) >= FAILURES_PER_ADDRESS
}

export async function recordLoginFailure(redis: Redis, email: string, ip: string): Promise<void> {
  await redis
    .multi()
    .incr(accountKey(email))
    .expire(accountKey(email), WINDOW_SECONDS, 'NX')
    .incr(addressKey(ip))
    .expire(addressKey(ip), WINDOW_SECONDS, 'NX')
    .exec()
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearAccountFailures(redis: Redis, email: string): Promise<void> {
  await redis.del(accountKey(email))
}
