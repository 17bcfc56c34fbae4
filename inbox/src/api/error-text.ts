/** Turns a failed call into a sentence for the agent, in the current language. */
import type { Translate } from '../i18n/languages.js'
import { ApiError, NetworkError } from './http.js'

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('error.network')
  if (error instanceof ApiError) {
    if (error.status === 403) return t('error.forbidden')
    // 4xx messages explain a rule the agent can act on (e.g. a closed reply window); show them.
    if (error.status < 500 && error.message) return error.message
    return t('error.generic', { code: error.code })
  }
  return t('error.generic', { code: 'client_error' })
}
