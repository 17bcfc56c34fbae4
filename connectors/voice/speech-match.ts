/**
 * Which menu option a caller said. Speech recognition returns free text ("我要投诉。",
 * "Check my case please"), so an option matches when its configured word appears in what was
 * heard, compared without case, width, spaces or punctuation; saying the key itself
 * ("2", "two" is not attempted) also counts. The first option in key order wins.
 */
import type { IvrMenu } from './voice-config.js'

export function matchSpeech(menu: IvrMenu, heard: string | undefined, language: string): string | undefined {
  const text = normalize(heard ?? '')
  if (!text) return undefined
  for (const [key, action] of Object.entries(menu.options)) {
    if (text === key) return key
    const words = action.speech?.[language] ?? []
    if (words.some((word) => normalize(word) && text.includes(normalize(word)))) return key
  }
  return undefined
}

/** Speech hints for Twilio: every configured word for the language. */
export function speechHints(menu: IvrMenu, language: string): string[] {
  return Object.values(menu.options).flatMap((action) => action.speech?.[language] ?? [])
}

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}
