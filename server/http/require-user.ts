/**
 * Authenticates a staff request by session cookie or `Authorization: Bearer`,
 * and optionally checks the role. Used by every /api route except login.
 */
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { HOTLINE_ROLES, hasRole } from '../auth/access.js'
import { readSession, SESSION_COOKIE } from '../auth/sessions.js'
import type { HubContext } from '../hub-context.js'
import { User, type UserDoc } from '../models/user.js'
import type { Role } from '../presenters/dto.js'
import { ApiError, forbidden, unauthorized } from './api-error.js'
import type { AppEnv } from './app-env.js'

export function sessionTokenOf(headers: { cookie?: string | undefined; authorization?: string | undefined }, cookieValue?: string): string | null {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  return bearer ?? cookieValue ?? null
}

/** Loads the signed-in user from a session token; null when the token is unknown, expired, or the user is disabled. */
export async function userFromToken(context: Pick<HubContext, 'redis' | 'env'>, token: string | null): Promise<UserDoc | null> {
  if (!token) return null
  const session = await readSession(context.redis, token, context.env.SESSION_TTL_HOURS * 3600)
  if (!session) return null
  const user = await User.findById(session.userId).lean<UserDoc>()
  return user?.active ? user : null
}

/** Without `roles`, hotline staff only: department users reach just the routes that name them. */
export function requireUser(context: Pick<HubContext, 'redis' | 'env'>, roles: readonly Role[] = HOTLINE_ROLES): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionTokenOf({ authorization: c.req.header('authorization') }, getCookie(c, SESSION_COOKIE))
    const user = await userFromToken(context, token)
    if (!user || !token) throw unauthorized()
    if (!hasRole(user, roles)) throw forbidden()
    c.set('user', user)
    c.set('sessionToken', token)
    await next()
  }
}

export function assertFound<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new ApiError(404, 'not_found', `${what} not found`)
  return value
}
