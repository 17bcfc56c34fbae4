/** The twilio SDK client, always over the injected fetch (never the SDK's own axios client). */
import twilio from 'twilio'
import { createFetchRequestClient } from './fetch-request-client.js'

export interface TwilioClientOptions {
  accountSid: string
  authToken: string
  fetch: typeof globalThis.fetch
  apiBaseUrl?: string
  timeoutMs?: number
}

export type TwilioClient = twilio.Twilio

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const httpClient = createFetchRequestClient({
    fetch: options.fetch,
    ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  })
  // `env: {}` keeps TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN of the process out of it; retries are the
  // job queue's business (it knows which errors are worth one), so the SDK's own are off.
  return twilio(options.accountSid, options.authToken, { httpClient, env: {}, autoRetry: false })
}
