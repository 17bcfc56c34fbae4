/** The current language, its translator and date formatters, shared through context. */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { type Language, type Translate, translator } from './languages.js'
import { createTimeFormat, type TimeFormat } from './time-format.js'

export interface I18n {
  language: Language
  t: Translate
  time: TimeFormat
  setLanguage: (language: Language) => void
}

export function createI18n(language: Language, setLanguage: (language: Language) => void): I18n {
  return { language, t: translator(language), time: createTimeFormat(language), setLanguage }
}

export const I18nContext = createContext<I18n>(createI18n('en', () => {}))

export function useI18n(): I18n {
  return useContext(I18nContext)
}
