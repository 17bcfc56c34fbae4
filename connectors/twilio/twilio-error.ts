/**
 * Twilio REST failures → ConnectorSendError. The SDK throws a RestException (or, for RFC 9457
 * bodies, a TwilioServiceException); both carry the HTTP `status` and Twilio's numeric `code`.
 * Retry policy: only 429, 5xx and failures without an HTTP answer are retryable. Everything else
 * (a 4xx, a 2xx body that is not JSON) is final: Messages have no idempotency key, so a blind
 * retry could text the citizen twice.
 * Codes are Twilio's error dictionary (twilio.com/docs/api/errors) as widely quoted [memory].
 */
import { ConnectorSendError } from '../spec.js'
import { TwilioNetworkError } from './fetch-request-client.js'

const CODES: ReadonlyMap<number, string> = new Map([
  [20003, 'credentials_invalid'],
  [20404, 'not_found'],
  [20429, 'rate_limited'],
  [21211, 'invalid_recipient'],
  [21214, 'unreachable_recipient'],
  [21408, 'region_not_enabled'],
  [21602, 'empty_message'],
  [21606, 'invalid_sender'],
  [21608, 'unverified_recipient'],
  [21610, 'recipient_opted_out'],
  [21612, 'unreachable_recipient'],
  [21614, 'not_a_mobile_number'],
  [21617, 'text_too_long'],
  [21620, 'invalid_media_url'],
  [21621, 'mms_not_enabled'],
  [21623, 'too_many_media'],
])

/** The shape both SDK exception classes share. */
interface TwilioApiFailure {
  status: number
  code?: number
  message?: string
  detail?: string
}

export function isTwilioApiFailure(error: unknown): error is TwilioApiFailure {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
}

export function twilioSendError(error: unknown): ConnectorSendError {
  if (error instanceof ConnectorSendError) return error
  if (error instanceof TwilioNetworkError) {
    return new ConnectorSendError({ code: 'network_error', message: error.message, isRetryable: true, cause: error })
  }
  if (isTwilioApiFailure(error)) {
    const statusCode = error.status
    const twilioCode = typeof error.code === 'number' ? error.code : undefined
    const code = (twilioCode !== undefined ? CODES.get(twilioCode) : undefined) ?? (twilioCode !== undefined ? `twilio_${twilioCode}` : `http_${statusCode}`)
    const text = error.detail || error.message || `Twilio answered HTTP ${statusCode}.`
    return new ConnectorSendError({
      code,
      message: twilioCode !== undefined ? `${text} (Twilio error ${twilioCode})` : text,
      statusCode,
      isRetryable: statusCode === 429 || statusCode >= 500,
      cause: error,
    })
  }
  // A 2xx whose body is not JSON (the SDK's JSON.parse threw), or an SDK argument check.
  const message = error instanceof Error ? error.message : String(error)
  return new ConnectorSendError({ code: 'invalid_response', message: `Twilio request failed: ${message}`, isRetryable: false, cause: error })
}
