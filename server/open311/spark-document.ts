/**
 * One response, two formats. Open311's JSON is its XML mapped by the "Spark convention": a list
 * is a JSON array in JSON and, in XML, a wrapper element repeating one child element per item
 * (<services><service>…</service></services>). Each document is built once as a plain value
 * and rendered either way here.
 */

export type SparkValue = string | number | boolean | null | SparkValue[] | { [key: string]: SparkValue }

/** The element each list's items are written as (services → service, formats → format…). */
const ITEM_ELEMENTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
}

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF): dropped. */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

// A bare CR would be read back as a line feed: it is written as a character reference.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' }

/** Text safe inside an XML element (or attribute value). */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHARACTER, '').replace(/[&<>"'\r]/g, (character) => ENTITIES[character] ?? character)
}

/** `<?xml …?>` and the document under `root`. null is an empty element, as in the spec's examples. */
export function renderXml(root: string, value: SparkValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`
}

function element(name: string, value: SparkValue): string {
  if (value === null) return `<${name}/>`
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name]
    if (!item) throw new TypeError(`no item element for the list "${name}"`)
    return `<${name}>${value.map((entry) => element(item, entry)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([key, entry]) => element(key, entry))
      .join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

export function renderJson(value: SparkValue): string {
  return JSON.stringify(value)
}
