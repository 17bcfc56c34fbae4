/** Why the channel-status view has nothing to show: the endpoint may be missing on an older hub. */
import type { Translate } from '../i18n/languages.js'
import { errorText } from './error-text.js'
import { ApiError } from './http.js'

export function channelStatusErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 404) return t('channels.unavailable')
  if (error instanceof ApiError && error.status === 403) return t('channels.forbidden')
  return errorText(error, t)
}
