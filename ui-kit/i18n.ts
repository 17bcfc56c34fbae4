/**
 * Message catalogues are data: one object per language, the same keys in each.
 * Adding a language means adding a catalogue, not changing code.
 */
export type Catalogue<Key extends string> = Record<Key, string>

/** Picks the best supported language for a requested tag (zh-TW → zh-CN only if nothing closer). */
export function pickLanguage<Lang extends string>(requested: readonly string[], supported: readonly Lang[], fallback: Lang): Lang {
  for (const tag of requested) {
    const lower = tag.toLowerCase()
    const exact = supported.find((lang) => lang.toLowerCase() === lower)
    if (exact) return exact
    const base = lower.split('-')[0]
    const sameBase = supported.find((lang) => lang.toLowerCase().split('-')[0] === base)
    if (sameBase) return sameBase
  }
  return fallback
}

/** Fills `{name}` placeholders. Unknown placeholders are left visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : match))
}
