/** Why "Send as template message" did not work, in words the agent can act on. */
import type { Translate } from '../i18n/languages.js'
import { errorText } from './error-text.js'
import { ApiError } from './http.js'

export function templateResendErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 409) {
    if (error.code === 'no_reply_template') return t('template.noReplyTemplate')
    if (error.code === 'not_failed') return t('template.notFailed')
  }
  return errorText(error, t)
}
