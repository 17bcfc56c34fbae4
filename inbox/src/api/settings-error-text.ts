/** Why a change in the Settings view was refused, in words the admin or supervisor can act on. */
import type { Translate } from '../i18n/languages.js'
import { errorText } from './error-text.js'
import { ApiError } from './http.js'

export function settingsErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'shortcut_taken') return t('settings.canned.errorShortcutTaken')
    if (error.code === 'unknown_queue') return t('settings.errorUnknownQueue')
    if (error.code === 'email_taken') return t('settings.users.errorEmailTaken')
    if (error.code === 'unknown_department' || error.code === 'invalid_department') return t('settings.users.errorDepartment')
    if (error.status === 403) return t('settings.errorForbidden')
    if (error.status === 404) return t('settings.errorNotFound')
  }
  return errorText(error, t)
}
