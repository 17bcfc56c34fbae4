import { describe, expect, it } from 'vitest'
import { ConnectorSendError } from '../spec.js'
import { mapSmtpSendError } from './smtp-send-error.js'

/** What nodemailer throws: an Error with `code`, and `responseCode` when the relay answered. */
function smtpError(message: string, fields: { code?: string; responseCode?: number } = {}): Error {
  return Object.assign(new Error(message), fields)
}

describe('mapSmtpSendError', () => {
  it.each([
    ['a 421 (service not available)', { code: 'EENVELOPE', responseCode: 421 }, 'smtp_temporary_failure', 421, true],
    ['a 450 greylisting', { code: 'EENVELOPE', responseCode: 450 }, 'smtp_temporary_failure', 450, true],
    ['a 452 full queue', { code: 'EMESSAGE', responseCode: 452 }, 'smtp_temporary_failure', 452, true],
    ['a 454 temporary login failure', { code: 'EAUTH', responseCode: 454 }, 'smtp_temporary_failure', 454, true],
    ['a 535 refused login', { code: 'EAUTH', responseCode: 535 }, 'smtp_auth_failed', 535, false],
    ['a login refused without a reply code', { code: 'EAUTH' }, 'smtp_auth_failed', undefined, false],
    ['a 550 unknown recipient', { code: 'EENVELOPE', responseCode: 550 }, 'recipient_rejected', 550, false],
    ['a 553 bad recipient address', { code: 'EENVELOPE', responseCode: 553 }, 'recipient_rejected', 553, false],
    ['a 554 rejected message', { code: 'EMESSAGE', responseCode: 554 }, 'smtp_rejected', 554, false],
    ['a 552 message too large', { responseCode: 552 }, 'smtp_rejected', 552, false],
    ['a refused connection', { code: 'ECONNECTION' }, 'smtp_unavailable', undefined, true],
    ['a timeout', { code: 'ETIMEDOUT' }, 'smtp_unavailable', undefined, true],
    ['a socket error', { code: 'ESOCKET' }, 'smtp_unavailable', undefined, true],
    ['a DNS failure', { code: 'EDNS' }, 'smtp_unavailable', undefined, true],
    ['a TLS failure', { code: 'ETLS' }, 'smtp_unavailable', undefined, true],
    ['ECONNREFUSED', { code: 'ECONNREFUSED' }, 'smtp_unavailable', undefined, true],
    ['ECONNRESET', { code: 'ECONNRESET' }, 'smtp_unavailable', undefined, true],
    ['a protocol error', { code: 'EPROTOCOL' }, 'smtp_unavailable', undefined, true],
    ['a streaming error', { code: 'ESTREAMING' }, 'smtp_unavailable', undefined, true],
    ['an unknown error code', { code: 'EWHATEVER' }, 'send_failed', undefined, true],
    ['an error without code', {}, 'send_failed', undefined, true],
  ])('%s → %s', (_label, fields, code, statusCode, isRetryable) => {
    const cause = smtpError('relay said no', fields)
    const error = mapSmtpSendError(cause)
    expect(error).toBeInstanceOf(ConnectorSendError)
    expect({ code: error.code, statusCode: error.statusCode, isRetryable: error.isRetryable }).toEqual({ code, statusCode, isRetryable })
    expect(error.message).toContain('relay said no')
    expect(error.cause).toBe(cause)
  })

  it('words the message for the agent', () => {
    expect(mapSmtpSendError(smtpError('451 try later', { responseCode: 451 })).message).toBe('The mail relay deferred the mail: 451 try later')
    expect(mapSmtpSendError(smtpError('535 bad credentials', { code: 'EAUTH', responseCode: 535 })).message).toBe(
      'The mail relay refused the login: 535 bad credentials',
    )
    expect(mapSmtpSendError(smtpError('550 no such user', { code: 'EENVELOPE', responseCode: 550 })).message).toBe(
      'The mail relay refused the mail: 550 no such user',
    )
    expect(mapSmtpSendError(smtpError('connect ECONNREFUSED', { code: 'ECONNECTION' })).message).toBe(
      'The mail relay could not be reached: connect ECONNREFUSED',
    )
  })

  it('passes a ConnectorSendError through unchanged', () => {
    const original = new ConnectorSendError({ code: 'attachment_missing', message: 'gone', isRetryable: false })
    expect(mapSmtpSendError(original)).toBe(original)
  })

  it.each([
    ['a string', 'boom', 'boom'],
    ['null', null, 'null'],
    ['a plain object with a numeric code', { code: 42, responseCode: '550', message: 7 }, '[object Object]'],
  ])('copes with %s thrown', (_label, thrown, message) => {
    const error = mapSmtpSendError(thrown)
    expect({ code: error.code, message: error.message, isRetryable: error.isRetryable, statusCode: error.statusCode }).toEqual({
      code: 'send_failed',
      message,
      isRetryable: true,
      statusCode: undefined,
    })
  })
})
