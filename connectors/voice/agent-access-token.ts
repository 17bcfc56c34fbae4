/**
 * A Twilio Voice access token for an agent's browser softphone: a JWT signed with an API key,
 * granting outgoing calls to the channel's TwiML App (which dequeues callers) and incoming calls
 * to the agent's identity. The SDK stamps it with the process clock.
 */
import twilio from 'twilio'

export interface AgentTokenOptions {
  accountSid: string
  apiKeySid: string
  apiKeySecret: string
  twimlAppSid: string
  identity: string
  ttlSeconds: number
}

export function createAgentAccessToken(options: AgentTokenOptions): string {
  const token = new twilio.jwt.AccessToken(options.accountSid, options.apiKeySid, options.apiKeySecret, {
    identity: options.identity,
    ttl: options.ttlSeconds,
  })
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: options.twimlAppSid, incomingAllow: true }))
  return token.toJwt()
}
