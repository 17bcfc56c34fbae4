/**
 * attribute[CODE]=v and attribute[CODE][]=v1&attribute[CODE][]=v2 from a POST body, checked
 * against the service definition and turned into the case's template field values.
 */
import type { AttributeDefinition } from './map-service.js'
import { parseW3cDateTime } from './w3c-datetime.js'

const ATTRIBUTE_KEY = /^attribute\[([^[\]]+)\](\[\])?$/

/** Values per attribute code, in the order given; empty values count as not given. */
export function collectAttributes(entries: Iterable<[string, string]>): { values: Map<string, string[]>; problems: string[] } {
  const values = new Map<string, string[]>()
  const problems: string[] = []
  for (const [key, value] of entries) {
    if (!key.startsWith('attribute')) continue
    const match = ATTRIBUTE_KEY.exec(key)
    if (!match?.[1]) {
      problems.push(`${key}: attributes are sent as attribute[CODE]=value or attribute[CODE][]=value`)
      continue
    }
    const list = values.get(match[1]) ?? []
    if (value.trim() !== '') list.push(value.trim())
    values.set(match[1], list)
  }
  return { values, problems }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

function isDate(text: string): boolean {
  const day = DATE_ONLY.exec(text)
  if (!day) return parseW3cDateTime(text) !== null
  const at = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text)
}

/** One attribute's value as the case stores it, or why it cannot be. */
function storedValue(definition: AttributeDefinition, given: string[]): { value: unknown } | { problem: string } {
  const code = `attribute[${definition.code}]`
  const keys = definition.values.map((value) => value.key)
  if (definition.datatype === 'multivaluelist') {
    const unknown = given.filter((value) => !keys.includes(value))
    if (unknown.length > 0) return { problem: `${code}: ${unknown.join(', ')} is not one of ${keys.join(', ')}` }
    return { value: [...new Set(given)] }
  }
  if (given.length > 1) return { problem: `${code} takes one value` }
  const [value = ''] = given
  switch (definition.datatype) {
    case 'number':
      return NUMBER.test(value) && Number.isFinite(Number(value)) ? { value: Number(value) } : { problem: `${code} must be a number` }
    case 'datetime':
      return isDate(value) ? { value } : { problem: `${code} must be a date (2026-03-01) or an ISO 8601 date and time with its zone` }
    case 'singlevaluelist':
      if (!keys.includes(value)) return { problem: `${code}: ${value} is not one of ${keys.join(', ')}` }
      return { value: definition.stores === 'boolean' ? value === 'true' : value }
    case 'string':
      if (/[\r\n]/.test(value)) return { problem: `${code} is one line` }
      return value.length > 2000 ? { problem: `${code} is at most 2000 characters` } : { value }
    default:
      return value.length > 2000 ? { problem: `${code} is at most 2000 characters` } : { value }
  }
}

/** The fields of the new case; every problem (missing required, unknown code, bad value) listed. */
export function attributeFields(
  definitions: readonly AttributeDefinition[],
  given: ReadonlyMap<string, string[]>,
): { fields: Record<string, unknown>; problems: string[] } {
  const fields: Record<string, unknown> = {}
  const problems: string[] = []
  const known = new Set(definitions.map((definition) => definition.code))
  for (const code of given.keys()) {
    if (!known.has(code)) problems.push(`attribute[${code}] is not an attribute of this service`)
  }
  for (const definition of definitions) {
    const values = given.get(definition.code) ?? []
    if (values.length === 0) {
      if (definition.required) problems.push(`attribute[${definition.code}] is required`)
      continue
    }
    const result = storedValue(definition, values)
    if ('problem' in result) problems.push(result.problem)
    else fields[definition.code] = result.value
  }
  return { fields, problems }
}
