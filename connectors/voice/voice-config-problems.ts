/**
 * The IVR's cross-references, checked once at boot so a call never reaches a dead end.
 * Exported because the hub builds its channel schema from `configSchema.shape`, which drops
 * object-level refinements: the factory checks again.
 */
import type { IvrAction, VoiceConfig } from './voice-config.js'

export interface ConfigProblem {
  path: Array<string | number>
  message: string
}

type CheckedConfig = Pick<
  VoiceConfig,
  'languages' | 'defaultLanguage' | 'languageMenu' | 'entryMenu' | 'menus' | 'fallback' | 'callQueues' | 'businessHours' | 'closedAction'
>

export function voiceConfigProblems(config: CheckedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const languages = new Set(Object.keys(config.languages))
  const add = (path: ConfigProblem['path'], message: string) => problems.push({ path, message })

  if (languages.size === 0) add(['languages'], 'configure at least one language')
  if (!languages.has(config.defaultLanguage)) add(['defaultLanguage'], `defaultLanguage "${config.defaultLanguage}" is not one of languages`)
  for (const [key, language] of Object.entries(config.languageMenu?.keys ?? {})) {
    if (!languages.has(language)) add(['languageMenu', 'keys', key], `language "${language}" is not one of languages`)
  }
  if (Object.keys(config.menus).length === 0) add(['menus'], 'declare at least one menu')
  if (!config.menus[config.entryMenu]) add(['entryMenu'], `entryMenu "${config.entryMenu}" is not one of menus`)

  const checkAction = (action: IvrAction, path: ConfigProblem['path']) => {
    switch (action.type) {
      case 'menu':
        if (!config.menus[action.menu]) add([...path, 'menu'], `menu "${action.menu}" is not declared under menus`)
        break
      case 'queue':
        if (!config.callQueues[action.queue]) add([...path, 'queue'], `queue "${action.queue}" is not declared under callQueues`)
        break
      case 'language':
        if (!languages.has(action.language)) add([...path, 'language'], `language "${action.language}" is not one of languages`)
        break
      case 'caseLookup':
        if (action.minDigits !== undefined && action.minDigits > action.digits) add([...path, 'minDigits'], 'minDigits cannot exceed digits')
        break
      default:
        break
    }
  }
  for (const [id, menu] of Object.entries(config.menus)) {
    if (Object.keys(menu.options).length === 0) add(['menus', id, 'options'], 'a menu needs at least one option')
    if (menu.options[menu.repeatKey]) add(['menus', id, 'repeatKey'], `repeatKey "${menu.repeatKey}" is also an option key`)
    for (const [key, action] of Object.entries(menu.options)) checkAction(action, ['menus', id, 'options', key])
    if (menu.fallback) checkAction(menu.fallback, ['menus', id, 'fallback'])
  }
  checkAction(config.fallback, ['fallback'])

  const hours = config.businessHours
  if (hours) {
    const holidayDates = new Set<string>()
    hours.holidays.forEach((holiday, index) => {
      if (holiday.until !== undefined && holiday.until < holiday.date) add(['businessHours', 'holidays', index, 'until'], 'until is before date')
      for (const date of expandDates(holiday.date, holiday.until)) holidayDates.add(date)
    })
    hours.makeUpWorkdays.forEach((day, index) => {
      if (holidayDates.has(day.date)) add(['businessHours', 'makeUpWorkdays', index, 'date'], `${day.date} is also a holiday`)
    })
  }
  return problems
}

/** Every date from `date` to `until` inclusive (at most a year: holidays are days, not seasons). */
export function expandDates(date: string, until: string | undefined): string[] {
  const dates = [date]
  if (!until || until <= date) return dates
  const cursor = new Date(`${date}T00:00:00Z`)
  while (dates.length < 366) {
    cursor.setUTCDate(cursor.getUTCDate() + 1)
    const next = cursor.toISOString().slice(0, 10)
    if (next > until) break
    dates.push(next)
  }
  return dates
}
