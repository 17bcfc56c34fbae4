/** Message timestamps in the visitor's language: time only for today, date and time otherwise. */
import type { Lang } from '../i18n/languages.js'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(lang: Lang, withDate: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withDate}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(lang, {
      hour: '2-digit',
      minute: '2-digit',
      ...(withDate ? { month: 'short', day: 'numeric' } : {}),
    })
    formatters.set(key, found)
  }
  return found
}

export function formatTimestamp(iso: string, lang: Lang, now = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return formatter(lang, date.toDateString() !== now.toDateString()).format(date)
}
