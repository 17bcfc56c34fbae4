/**
 * WeChat API failures → ConnectorSendError. WeChat answers HTTP 200 with `{errcode, errmsg}`,
 * and errmsg carries a changing ` rid: …` suffix, so only errcode decides.
 * Codes marked [memory] come from WeChat's global return-code page as widely quoted, not re-checked.
 */
import { ConnectorSendError } from '../spec.js'

/** The access_token is stale or revoked: refresh it and retry the call once. */
export const ACCESS_TOKEN_INVALID = 'access_token_invalid'

const RULES: ReadonlyMap<number, { code: string; isRetryable: boolean }> = new Map([
  [-1, { code: 'wechat_busy', isRetryable: true }],
  [40001, { code: ACCESS_TOKEN_INVALID, isRetryable: true }],
  [40014, { code: ACCESS_TOKEN_INVALID, isRetryable: true }],
  [42001, { code: ACCESS_TOKEN_INVALID, isRetryable: true }],
  // Outside the 48 h window after the citizen's last interaction, or they unfollowed.
  [45015, { code: 'reply_window_expired', isRetryable: false }],
  // Too many customer-service messages for one interaction (5 per message, 3 per click/follow).
  [45047, { code: 'reply_quota_exceeded', isRetryable: false }],
  [45009, { code: 'api_daily_quota_exceeded', isRetryable: false }],
  [45011, { code: 'api_rate_limited', isRetryable: true }], // [memory] minute quota
  [40003, { code: 'invalid_openid', isRetryable: false }],
  [43004, { code: 'recipient_unsubscribed', isRetryable: false }], // [memory]
  [48001, { code: 'api_unauthorized', isRetryable: false }], // [memory] account lacks this API
  [40007, { code: 'invalid_media_id', isRetryable: false }], // [memory]
  [40013, { code: 'credentials_invalid', isRetryable: false }],
  [40125, { code: 'credentials_invalid', isRetryable: false }], // [memory] invalid appsecret
  [40164, { code: 'ip_not_whitelisted', isRetryable: false }], // [memory]
])

export function wechatApiError(errcode: number, errmsg: string, statusCode?: number): ConnectorSendError {
  const rule = RULES.get(errcode) ?? { code: `wechat_error_${errcode}`, isRetryable: false }
  return new ConnectorSendError({
    code: rule.code,
    message: `${errmsg || 'WeChat API error'} (errcode ${errcode})`,
    isRetryable: rule.isRetryable,
    ...(statusCode !== undefined ? { statusCode } : {}),
  })
}

/** Non-2xx HTTP answers (rare: WeChat reports errors in the body): 408/409/429/5xx retry, the rest do not. */
export function wechatHttpError(statusCode: number): ConnectorSendError {
  return new ConnectorSendError({ code: `http_${statusCode}`, message: `WeChat API answered HTTP ${statusCode}.`, statusCode })
}

export function wechatNetworkError(cause: unknown): ConnectorSendError {
  return new ConnectorSendError({ code: 'network_error', message: 'The WeChat API could not be reached.', isRetryable: true, cause })
}

/** A 200 whose body is not the JSON WeChat promises (a proxy page, a truncated answer): worth a retry. */
export function wechatInvalidResponse(statusCode: number, detail: string): ConnectorSendError {
  return new ConnectorSendError({ code: 'invalid_response', message: `WeChat API returned an unexpected body: ${detail}`, statusCode, isRetryable: true })
}

export function isAccessTokenError(error: unknown): boolean {
  return error instanceof ConnectorSendError && error.code === ACCESS_TOKEN_INVALID
}
