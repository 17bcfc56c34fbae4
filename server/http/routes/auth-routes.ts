import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { ALL_ROLES } from '../../auth/access.js'
import { audit } from '../../auth/audit.js'
import { clearAccountFailures, isLoginThrottled, recordLoginFailure } from '../../auth/login-throttle.js'
import { decoyPasswordHash, verifyPassword } from '../../auth/passwords.js'
import { createSession, destroySession, SESSION_COOKIE } from '../../auth/sessions.js'
import type { HubContext } from '../../hub-context.js'
import { User, type UserDoc } from '../../models/user.js'
import { presentUser } from '../../presenters/present.js'
import { ApiError } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { ErrorSchema, errorResponses, jsonContent, UserSchema } from '../schemas.js'

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in; sets the httpOnly session cookie and returns a bearer token for API clients',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ email: z.string().email().max(254), password: z.string().min(1).max(1024) }) } },
    },
  },
  responses: {
    200: jsonContent(z.object({ user: UserSchema, token: z.string() }), 'Signed in'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: { description: 'Too many attempts', content: { 'application/json': { schema: ErrorSchema } } },
  },
})

const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'Sign out (ends the session)',
  responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
})

const me = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  responses: {
    200: jsonContent(
      z.object({ user: UserSchema, hub: z.object({ name: z.record(z.string(), z.string()), timezone: z.string() }) }),
      'The user, and the hub they work in (its name for canned responses, its time zone for snooze presets)',
    ),
    401: errorResponses[401],
  },
})

export function authRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  const ttlSeconds = context.env.SESSION_TTL_HOURS * 3600

  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json')
    const ip = clientIp(c)
    if (await isLoginThrottled(context.redis, email, ip)) {
      await audit({ actor: { type: 'anonymous', email }, action: 'auth.login', outcome: 'failure', ip, details: { reason: 'throttled' } })
      throw new ApiError(429, 'too_many_attempts', 'Too many failed sign-in attempts; wait 15 minutes and try again')
    }

    const user = await User.findOne({ email: email.toLowerCase() }).limit(1).lean<UserDoc>()
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password)
    if (!user || !valid || !user.active) {
      await recordLoginFailure(context.redis, email, ip)
      await audit({ actor: { type: 'anonymous', email }, action: 'auth.login', outcome: 'failure', ip })
      throw new ApiError(401, 'invalid_credentials', 'Email or password is incorrect')
    }
    await clearAccountFailures(context.redis, email)
    const token = await createSession(context.redis, user._id, ttlSeconds)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: context.env.NODE_ENV === 'production',
      path: '/',
      maxAge: ttlSeconds,
    })
    await audit({ actor: { type: 'user', id: user._id, email: user.email }, action: 'auth.login', outcome: 'success', ip })
    return c.json({ user: presentUser(user), token }, 200)
  })

  app.use('/api/auth/logout', requireUser(context, ALL_ROLES))
  app.openapi(logout, async (c) => {
    const user = c.get('user')
    await destroySession(context.redis, c.get('sessionToken'))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    await audit({ actor: { type: 'user', id: user._id, email: user.email }, action: 'auth.logout', outcome: 'success', ip: clientIp(c) })
    return c.body(null, 204)
  })

  app.use('/api/me', requireUser(context, ALL_ROLES))
  app.openapi(me, (c) => c.json({ user: presentUser(c.get('user')), hub: { name: context.config.hub.name, timezone: context.config.hub.timezone } }, 200))

  return app
}
