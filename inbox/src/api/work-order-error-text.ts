/** Why the hub refused a work-order change, in the user's language where the refusal has a code we know. */

import type { Translate } from '../i18n/languages.js'
import { isMessageKey } from '../i18n/work-order-labels.js'
import { errorText } from './error-text.js'
import { ApiError } from './http.js'

export function workOrderErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    // The fields' problems name the config's field keys; the sentence around them is translated.
    if (error.code === 'invalid_fields') return t('workOrder.error.invalid_fields', { message: error.message })
    const key = `workOrder.error.${error.code}`
    if (isMessageKey(key)) return t(key)
    if (error.status === 404) return t('workOrder.error.notFound')
  }
  return errorText(error, t)
}
