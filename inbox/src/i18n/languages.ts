/**
 * Supported languages and how one is chosen: a stored choice wins, then the
 * browser's preferences, then English (the hub also serves US 211 lines).
 */
import { type Catalogue, format, pickLanguage } from '../../../ui-kit/i18n.js'
import { en, type MessageKey } from './en.js'
import { zhCN } from './zh-CN.js'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

/** Each language names itself, so the switch is readable whatever the current language. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' }

const CATALOGUES: Record<Language, Catalogue<MessageKey>> = { 'zh-CN': zhCN, en }

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language]
  return (key, values) => format(catalogue[key], values)
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

export function initialLanguage(stored: string | null, requested: readonly string[]): Language {
  if (isLanguage(stored)) return stored
  return pickLanguage(requested, LANGUAGES, 'en')
}
