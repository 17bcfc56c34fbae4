/**
 * Text → the terms the inbox search indexes and looks up. Pure.
 *
 * Chinese has no spaces, so CJK runs become overlapping character pairs (bigrams: 路灯不亮 →
 * 路灯, 灯不, 不亮), the usual way to search CJK without a dictionary; a query matches when
 * every one of its pairs does. Latin text becomes lower-case words; digit runs are kept whole
 * and, for phone numbers, also as their last four digits (what a citizen reads out); an email
 * address is kept whole as well as in words.
 */

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const WORD = /[\p{L}\p{N}]+/gu
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g
/** A term this long or longer is noise (a pasted token, base64): not indexed. */
const MAX_TERM_LENGTH = 64
/** Terms per text: one long message must not index thousands. */
export const MAX_TERMS_PER_TEXT = 400

export function searchTerms(text: string): string[] {
  const terms = new Set<string>()
  const lower = text.toLowerCase()
  for (const email of lower.match(EMAIL) ?? []) terms.add(email)
  for (const run of lower.match(CJK_RUN) ?? []) {
    if (run.length === 1) terms.add(run)
    for (let index = 0; index + 1 < run.length; index++) terms.add(run.slice(index, index + 2))
  }
  const latin = lower.replace(CJK_RUN, ' ')
  for (const word of latin.match(WORD) ?? []) {
    if (/^\d+$/.test(word)) {
      if (word.length >= 2) terms.add(word)
      if (word.length >= 7) terms.add(word.slice(-4))
      continue
    }
    if (word.length >= 2) terms.add(word)
  }
  return [...terms].filter((term) => term.length <= MAX_TERM_LENGTH).slice(0, MAX_TERMS_PER_TEXT)
}

/**
 * The terms a query must all match. Same tokenization, except that a single CJK character or a
 * one-letter word would match nearly everything: a query made only of those finds nothing.
 */
export function queryTerms(query: string): string[] {
  return searchTerms(query).filter((term) => [...term].length >= 2 || /[\p{Script=Han}]/u.test(term))
}
