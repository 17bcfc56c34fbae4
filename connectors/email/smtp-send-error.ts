/**
 * nodemailer failures → ConnectorSendError. SMTP says itself whether to try again: 4xx replies
 * are temporary (greylisting, a full queue), 5xx permanent. Without a reply the relay could not
 * be reached, which is temporary too, except for a refused login (a configuration problem).
 * `code` is what the agent sees on a failed message: words, not numbers.
 */
import { ConnectorSendError } from '../spec.js'

const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNRESET', 'ECONNREFUSED', 'EPROTOCOL', 'ESTREAMING'])

export function mapSmtpSendError(error: unknown): ConnectorSendError {
  if (error instanceof ConnectorSendError) return error
  const { responseCode, code, message } = describe(error)
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    return new ConnectorSendError({
      code: 'smtp_temporary_failure',
      message: `The mail relay deferred the mail: ${message}`,
      statusCode: responseCode,
      isRetryable: true,
      cause: error,
    })
  }
  if (code === 'EAUTH') {
    return new ConnectorSendError({
      code: 'smtp_auth_failed',
      message: `The mail relay refused the login: ${message}`,
      ...(responseCode !== undefined ? { statusCode: responseCode } : {}),
      isRetryable: false,
      cause: error,
    })
  }
  if (responseCode !== undefined && responseCode >= 500) {
    return new ConnectorSendError({
      code: code === 'EENVELOPE' ? 'recipient_rejected' : 'smtp_rejected',
      message: `The mail relay refused the mail: ${message}`,
      statusCode: responseCode,
      isRetryable: false,
      cause: error,
    })
  }
  if (code !== undefined && UNREACHABLE.has(code)) {
    return new ConnectorSendError({ code: 'smtp_unavailable', message: `The mail relay could not be reached: ${message}`, isRetryable: true, cause: error })
  }
  return new ConnectorSendError({ code: 'send_failed', message, isRetryable: true, cause: error })
}

function describe(error: unknown): { responseCode?: number; code?: string; message: string } {
  if (typeof error !== 'object' || error === null) return { message: String(error) }
  const record = error as { responseCode?: unknown; code?: unknown; message?: unknown }
  return {
    ...(typeof record.responseCode === 'number' ? { responseCode: record.responseCode } : {}),
    ...(typeof record.code === 'string' ? { code: record.code } : {}),
    message: typeof record.message === 'string' ? record.message : String(error),
  }
}
