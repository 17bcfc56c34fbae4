/**
 * Work-order words: states, actions, types, urgencies, ratings and deadlines by their codes, and
 * the config's own names (departments, categories, districts) in the current language. A code the
 * catalogue does not know yet (a newer hub) shows as itself rather than as a missing key.
 */
import type { Localized, WorkOrderMeta } from '../api/work-order-api.js'
import { en, type MessageKey } from './en.js'
import type { Translate } from './languages.js'

type Group = 'status' | 'action' | 'type' | 'urgency' | 'rating' | 'deadline' | 'deadlineState' | 'extension' | 'supervision'

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

export function workOrderLabel(t: Translate, group: Group, code: string): string {
  const key = `workOrder.${group}.${code}`
  return isMessageKey(key) ? t(key) : code
}

export function localizedName(name: Localized | undefined, language: string, fallback: string): string {
  return name?.[language] ?? name?.en ?? fallback
}

export function departmentName(meta: WorkOrderMeta | null, id: string, language: string): string {
  return localizedName(meta?.departments.find((department) => department.id === id)?.name, language, id)
}

export function categoryName(meta: WorkOrderMeta | null, code: string, language: string): string {
  return localizedName(meta?.categories.find((category) => category.code === code)?.name, language, code)
}

export function districtName(meta: WorkOrderMeta | null, code: string, language: string): string {
  return localizedName(meta?.districts.find((district) => district.code === code)?.name, language, code)
}
