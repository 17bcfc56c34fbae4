/**
 * The agents' browser softphone. `GET /api/voice/token`: a Twilio Voice access token from the first
 * voice channel with a `softphone` configured, for the signed-in user's id. Whoever holds it can take
 * callers from every call queue of that channel, so it is minted per request, never cached, audited.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { ChannelConnector } from '../../../connectors/spec.js'
import { AGENT_ID_PATTERN, isVoiceConnector } from '../../../connectors/voice/index.js'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { ApiError } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { requireUser } from '../require-user.js'
import { errorResponses, jsonContent } from '../schemas.js'

export const VoiceTokenSchema = z
  .object({
    /** A Twilio Voice access token (JWT) for `new Device(token)`. */
    token: z.string(),
    /** The softphone's client identity: the agent id the call events report ("answered by"). */
    identity: z.string(),
    /** The voice channel whose TwiML App the softphone calls. */
    channelId: z.string(),
    /** The token's lifetime: refresh it before then (the SDK's `tokenWillExpire`). */
    expiresInSeconds: z.number().int().positive(),
    /** The channel's call queue ids, the values `device.connect({ params: { queue } })` accepts (the first is the default). */
    callQueues: z.array(z.string()),
  })
  .openapi('VoiceToken')

export type VoiceTokenDto = z.infer<typeof VoiceTokenSchema>

const token = createRoute({
  method: 'get',
  path: '/api/voice/token',
  tags: ['voice'],
  summary: "A Twilio Voice access token for the signed-in agent's browser softphone (take queued callers). Not cached; audited.",
  responses: {
    200: jsonContent(VoiceTokenSchema, 'A fresh token for the first voice channel with a softphone'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: { ...errorResponses[404], description: '`softphone_not_configured`: no voice channel has a softphone set up' },
  },
})

/**
 * The softphone identity for a user id: characters the connector refuses (AGENT_ID_PATTERN) become
 * `_`, cut to 64. Hub ids (`usr_…`) pass unchanged, so the agent in call events is the user's id.
 */
export function agentIdentity(userId: string): string {
  return userId.replace(/[^A-Za-z0-9_.@:-]/g, '_').slice(0, 64)
}

/** The first voice channel (in config order) that mints a token for this identity; null when none does. */
export function softphoneToken(connectors: Iterable<ChannelConnector>, identity: string): VoiceTokenDto | null {
  if (!AGENT_ID_PATTERN.test(identity)) return null
  for (const connector of connectors) {
    if (!isVoiceConnector(connector)) continue
    const minted = connector.agentAccessToken(identity)
    const ttl = connector.config.softphone?.tokenTtlSeconds
    if (!minted || !ttl) continue
    return { token: minted, identity, channelId: connector.channelId, expiresInSeconds: ttl, callQueues: Object.keys(connector.config.callQueues) }
  }
  return null
}

export function voiceRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  app.use('/api/voice/*', requireUser(context, ['agent', 'supervisor', 'admin']))

  app.openapi(token, async (c) => {
    const user = c.get('user')
    const identity = agentIdentity(user._id)
    const result = softphoneToken(
      [...context.channels.values()].map((entry) => entry.connector),
      identity,
    )
    const actor = { type: 'user' as const, id: user._id, email: user.email }
    if (!result) {
      await audit({ actor, action: 'voice.token', details: { identity, reason: 'softphone_not_configured' }, outcome: 'failure', ip: clientIp(c) })
      throw new ApiError(404, 'softphone_not_configured', 'No voice channel has a softphone configured (softphone in channels.config.ts)')
    }
    await audit({
      actor,
      action: 'voice.token',
      target: { type: 'channel', id: result.channelId },
      details: { identity, expiresInSeconds: result.expiresInSeconds },
      outcome: 'success',
      ip: clientIp(c),
    })
    c.header('Cache-Control', 'no-store')
    return c.json(result, 200)
  })

  return app
}
