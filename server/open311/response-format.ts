/**
 * The format is the URL's suffix (/services.xml, /services/0301.json). Codes may hold dots
 * (03.01), so the suffix is what follows the last one.
 */

export type Open311Format = 'xml' | 'json'

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

/** "03.01.json" → { name: "03.01", format: "json" }; an unknown or missing suffix gives format null. */
export function splitFormat(file: string): { name: string; format: Open311Format | null } {
  const dot = file.lastIndexOf('.')
  if (dot <= 0) return { name: file, format: null }
  const suffix = file.slice(dot + 1).toLowerCase()
  const format = suffix === 'xml' || suffix === 'json' ? suffix : null
  return { name: file.slice(0, dot), format }
}
