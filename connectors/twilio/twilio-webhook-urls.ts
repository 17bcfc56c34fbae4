/**
 * Where the hub mounts Twilio webhooks. Connectors build callback URLs Twilio will call
 * (statusCallback, Gather/Enqueue/Record actions), so they must agree with the server's routes:
 *   POST {prefix}/:channelId/sms                 inbound SMS/MMS
 *   POST {prefix}/:channelId/status              outbound message status callbacks
 *   POST {prefix}/:channelId/voice               incoming calls and every IVR step (?step=…)
 *   POST {prefix}/:channelId/voice/status        call status callbacks
 *   POST {prefix}/:channelId/voice/recording     recording status callbacks (voicemail)
 *   POST {prefix}/:channelId/voice/transcription transcription callbacks
 *   POST {prefix}/:channelId/voice/agent         the agents' softphone (TwiML App Voice URL)
 */
export const TWILIO_WEBHOOK_PREFIX = '/webhooks/twilio'

export type TwilioWebhookRoute = 'sms' | 'status' | 'voice' | 'voice/status' | 'voice/recording' | 'voice/transcription' | 'voice/agent'

const ROUTES: readonly TwilioWebhookRoute[] = ['voice/transcription', 'voice/recording', 'voice/status', 'voice/agent', 'voice', 'status', 'sms']

export function twilioWebhookUrl(publicBaseUrl: string, channelId: string, route: TwilioWebhookRoute, query?: URLSearchParams): string {
  const search = query?.toString()
  return `${publicBaseUrl.replace(/\/+$/, '')}${TWILIO_WEBHOOK_PREFIX}/${encodeURIComponent(channelId)}/${route}${search ? `?${search}` : ''}`
}

/** Which route a request path (with or without query) is, judged by its ending. */
export function twilioWebhookRoute(requestUrl: string): TwilioWebhookRoute | undefined {
  const path = (requestUrl.split(/[?#]/)[0] ?? '').replace(/\/+$/, '')
  return ROUTES.find((route) => path.endsWith(`/${route}`))
}

/** The query string of a request URL (path-only or absolute). */
export function requestQuery(requestUrl: string): URLSearchParams {
  const query = requestUrl.split('#')[0]?.split('?').slice(1).join('?') ?? ''
  return new URLSearchParams(query)
}
