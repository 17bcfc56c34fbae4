/**
 * The widget's languages and the keys every catalogue must have. The launcher and the
 * frame have separate key sets so the loader bundle carries only its four strings.
 */
import { pickLanguage } from '../../../ui-kit/i18n.js'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGUAGES)[number]

/** English when nothing matches: the most widely read second language of visitors we cannot place. */
export const FALLBACK_LANGUAGE: Lang = 'en'

/** `data-lang` (or the frame's `lang` parameter) wins; otherwise the browser's preferences. */
export function chooseLanguage(requested: string | null | undefined, browserLanguages: readonly string[]): Lang {
  const tags = requested ? [requested, ...browserLanguages] : browserLanguages
  return pickLanguage(tags, LANGUAGES, FALLBACK_LANGUAGE)
}

export type LauncherKey = 'open' | 'close' | 'unread' | 'panelTitle'

export type FrameKey =
  | 'title'
  | 'close'
  | 'transcript'
  | 'empty'
  | 'you'
  | 'agent'
  | 'bot'
  | 'system'
  | 'stateSending'
  | 'stateSent'
  | 'stateDelivered'
  | 'stateRead'
  | 'stateFailed'
  | 'retry'
  | 'typing'
  | 'typingNamed'
  | 'queuePosition'
  | 'queuePositionWait'
  | 'connecting'
  | 'reconnecting'
  | 'disconnected'
  | 'inputLabel'
  | 'inputHint'
  | 'counter'
  | 'tooLong'
  | 'send'
  | 'messageSent'
  | 'errorGeneric'
  | 'errorSession'
  | 'errorUnavailable'
  | 'errorSendFailed'
  | 'errorTooLarge'
  | 'errorRateLimited'
  | 'conversationEnded'
  | 'attachment'
  | 'image'
  | 'location'
  | 'caseLookupOpen'
  | 'caseLookupTitle'
  | 'caseLookupClose'
  | 'caseNumber'
  | 'caseNumberHint'
  | 'caseCheck'
  | 'caseCheckHint'
  | 'caseLookupSubmit'
  | 'caseLookupChecking'
  | 'caseLookupMore'
  | 'caseErrorNumber'
  | 'caseErrorCheck'
  | 'caseErrorNotFound'
  | 'caseErrorRateLimited'
  | 'caseErrorGeneric'
