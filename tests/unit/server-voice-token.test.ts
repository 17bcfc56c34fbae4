import { describe, expect, it } from 'vitest'
import type { ChannelConnector } from '../../connectors/spec.js'
import { AUTH_TOKEN, hotlineConfig, MONDAY_MORNING } from '../../connectors/voice/__fixtures__/hotline-ivr.js'
import { createVoiceConnectorWith } from '../../connectors/voice/voice-connector.js'
import { ApiError } from '../../server/http/api-error.js'
import { agentIdentity, softphoneToken, voiceRoutes } from '../../server/http/routes/voice-routes.js'
import type { HubContext } from '../../server/hub-context.js'

const softphone = { apiKeySid: `SK${'7'.repeat(32)}`, twimlAppSid: `AP${'8'.repeat(32)}`, tokenTtlSeconds: 900 }
const environment = { TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_KEY_SECRET: 'api-key-secret' }
const dependencies = { fetch, now: () => MONDAY_MORNING, generateId: () => 'x' }

const voice = (channelId: string, withSoftphone: boolean) =>
  createVoiceConnectorWith({ channelId, config: hotlineConfig(withSoftphone ? { softphone } : {}), dependencies, environment }) as unknown as ChannelConnector
const sms = { type: 'sms', channelId: 'sms' } as unknown as ChannelConnector

function claims(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
}

describe('softphone identity', () => {
  it('is the user id when the connector accepts it, sanitised otherwise', () => {
    expect(agentIdentity('usr_lq2x8k3c9f1e2d3c4b5a6f7e')).toBe('usr_lq2x8k3c9f1e2d3c4b5a6f7e')
    expect(agentIdentity('王 <agent>/1')).toBe('___agent__1')
    expect(agentIdentity('a'.repeat(80))).toHaveLength(64)
  })
})

describe('softphoneToken', () => {
  it('comes from the first voice channel with a softphone, for the identity, with its lifetime and call queues', () => {
    const result = softphoneToken([sms, voice('voice-plain', false), voice('voice-main', true), voice('voice-other', true)], 'usr_wang')
    expect(result).toMatchObject({ identity: 'usr_wang', channelId: 'voice-main', expiresInSeconds: 900, callQueues: ['general', 'complaints'] })
    expect(claims(result?.token ?? '')).toMatchObject({
      iss: softphone.apiKeySid,
      grants: { identity: 'usr_wang', voice: { outgoing: { application_sid: softphone.twimlAppSid } } },
    })
  })

  it('is null without a softphone, or for an identity the connector refuses', () => {
    expect(softphoneToken([sms, voice('voice-plain', false)], 'usr_wang')).toBeNull()
    expect(softphoneToken([voice('voice-main', true)], '')).toBeNull()
  })
})

describe('GET /api/voice/token', () => {
  const context = { channels: new Map(), env: { SESSION_TTL_HOURS: 8 } } as unknown as HubContext

  it('is in the OpenAPI document', () => {
    const document = voiceRoutes(context).getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } })
    const get = document.paths?.['/api/voice/token']?.get
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual(['200', '401', '403', '404'])
    expect(document.components?.schemas?.VoiceToken).toBeDefined()
  })

  it('needs a signed-in user', async () => {
    const app = voiceRoutes(context)
    app.onError((error, c) => (error instanceof ApiError ? c.json(error.toBody(), error.status) : c.text('unexpected', 500)))
    const response = await app.request('/api/voice/token')
    expect(response.status).toBe(401)
  })
})
