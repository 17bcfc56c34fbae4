/**
 * STOP / START / HELP: a message whose whole body is a configured keyword. Provider-neutral
 * (mainland SMS connectors reuse it): the keyword sets come from the channel config.
 */
export type SmsKeywordKind = 'stop' | 'start' | 'help'

export type SmsKeywordSets = Readonly<Record<SmsKeywordKind, Readonly<Record<string, readonly string[]>>>>

export interface SmsKeywordMatch {
  kind: SmsKeywordKind
  /** The language whose list matched: the automatic reply is in it. */
  language: string
  /** The keyword as configured. */
  keyword: string
}

/**
 * How a message body and a keyword are compared: Unicode width folded (ＳＴＯＰ → STOP), case
 * ignored, whitespace and punctuation around it dropped ("Stop." and "退订。" both count).
 */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
}

/** Opt-out wins over opt-in over help when (against the config check) a word is in several sets. */
const PRECEDENCE: readonly SmsKeywordKind[] = ['stop', 'start', 'help']

export function detectSmsKeyword(body: string | undefined, sets: SmsKeywordSets): SmsKeywordMatch | undefined {
  const text = normalizeKeyword(body ?? '')
  // Keywords are short; a long message that merely starts with "stop" is a message.
  if (text.length === 0 || text.length > 32) return undefined
  for (const kind of PRECEDENCE) {
    for (const [language, words] of Object.entries(sets[kind])) {
      const keyword = words.find((word) => normalizeKeyword(word) === text)
      if (keyword) return { kind, language, keyword }
    }
  }
  return undefined
}

/** The automatic reply to a keyword, in the keyword's language (Chinese when it has none). */
export function keywordReplyText(
  match: SmsKeywordMatch,
  replies: Readonly<Partial<Record<SmsKeywordKind, Readonly<Record<string, string>> | null>>>,
): string | undefined {
  const texts = replies[match.kind]
  if (!texts) return undefined
  return texts[match.language] ?? texts['zh-CN'] ?? Object.values(texts)[0]
}
