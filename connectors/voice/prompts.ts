/**
 * A configured prompt → what to say or play in one language. The text for the call's language
 * is used when there is one, else the default language's (spoken in that language's voice, so a
 * Chinese sentence is never read by an English voice), else the first given.
 */
import type { Prompt, VoiceConfig } from './voice-config.js'

export type PromptPiece = { kind: 'say'; text: string; language: string; voice?: string; loop?: number } | { kind: 'play'; url: string; loop?: number }

export type PromptVariables = Readonly<Record<string, string | number | undefined>>

type LanguageSettings = Pick<VoiceConfig, 'languages' | 'defaultLanguage'>

export function renderPrompt(prompt: Prompt | undefined, language: string, settings: LanguageSettings, variables: PromptVariables = {}): PromptPiece[] {
  if (!prompt) return []
  const chosen = [language, settings.defaultLanguage].find((candidate) => prompt[candidate] !== undefined) ?? Object.keys(prompt)[0]
  const entry = chosen === undefined ? undefined : prompt[chosen]
  if (chosen === undefined || entry === undefined) return []
  const voice = settings.languages[chosen]
  const parts = Array.isArray(entry) ? entry : [entry]
  return parts.flatMap((part): PromptPiece[] => {
    if (typeof part === 'string') return say(fill(part, variables), voice?.sayLanguage ?? chosen, voice?.voice)
    if ('play' in part) return [{ kind: 'play', url: part.play, ...(part.loop ? { loop: part.loop } : {}) }]
    return say(fill(part.say, variables), part.language ?? voice?.sayLanguage ?? chosen, part.voice ?? (part.language ? undefined : voice?.voice), part.loop)
  })
}

function say(text: string, language: string, voice: string | undefined, loop?: number): PromptPiece[] {
  if (!text) return []
  return [{ kind: 'say', text, language, ...(voice ? { voice } : {}), ...(loop ? { loop } : {}) }]
}

/** Replaces `{name}` placeholders; a missing value leaves nothing (and no double space) behind. */
export function fill(text: string, variables: PromptVariables): string {
  return text
    .replace(/\{(\w+)\}/g, (_match, name: string) => {
      const value = variables[name]
      return value === undefined ? '' : String(value)
    })
    .replace(/ {2,}/g, ' ')
    .trim()
}
