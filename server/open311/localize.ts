/** A configured name or text in the Open311 language, else English. */
export function localize(text: Readonly<Record<string, string>> | undefined, language: string): string | null {
  if (!text) return null
  return text[language] ?? text.en ?? null
}
