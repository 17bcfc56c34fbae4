/**
 * POST requests' form → a new case (source "open311"), or every problem with it. Pure: the
 * service (category) is already known and its definition given.
 */
import type { Category } from '../work-orders/work-order-config.js'
import type { NewWorkOrder } from '../work-orders/work-order-service.js'
import type { AttributeDefinition } from './map-service.js'
import { attributeFields, collectAttributes } from './parse-attributes.js'

export const MAX_DESCRIPTION_CHARACTERS = 4000

export type ParsedServiceRequest = { ok: true; draft: NewWorkOrder; accountId: string | null } | { ok: false; problems: string[] }

/** Markup: a tag, a closing tag, a comment or a doctype. "a < b" and "<3" are not. */
const HTML = /<\s*\/?\s*[a-z][^<>]*>|<!--|<!doctype/i
/** Control characters other than tab and line breaks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Optional means an empty parameter is the same as a missing one. */
function optional(form: URLSearchParams, name: string): string | null {
  const value = form.get(name)?.trim()
  return value ? value : null
}

function coordinate(text: string, limit: number): number | null {
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return null
  const value = Number(text)
  return Math.abs(value) <= limit ? value : null
}

function titleOf(description: string, fallback: string): string {
  const line =
    description
      .split('\n')
      .find((candidate) => candidate.trim())
      ?.trim() ?? ''
  if (!line) return fallback
  const characters = [...line]
  return characters.length > 60 ? `${characters.slice(0, 59).join('')}…` : line
}

function mimeTypeOf(url: URL): string {
  const extension = url.pathname.toLowerCase().split('.').pop() ?? ''
  const known: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    webp: 'image/webp',
    mp4: 'video/mp4',
    pdf: 'application/pdf',
  }
  return known[extension] ?? 'application/octet-stream'
}

export function parseServiceRequest(
  form: URLSearchParams,
  category: Category,
  definitions: readonly AttributeDefinition[],
  serviceName: string,
): ParsedServiceRequest {
  const problems: string[] = []
  const limit = (name: string, max: number): string | null => {
    const value = optional(form, name)
    if (value !== null && [...value].length > max) problems.push(`${name} is at most ${max} characters`)
    return value
  }

  // Location: lat and long together, or address_string, or address_id (several may be given).
  const lat = optional(form, 'lat')
  const long = optional(form, 'long')
  const addressString = limit('address_string', 500)
  const addressId = limit('address_id', 100)
  let location: NewWorkOrder['location'] = null
  if ((lat === null) !== (long === null)) problems.push('lat and long are sent together')
  else if (lat !== null && long !== null) {
    const latitude = coordinate(lat, 90)
    const longitude = coordinate(long, 180)
    if (latitude === null) problems.push('lat is a WGS84 latitude, -90 to 90')
    if (longitude === null) problems.push('long is a WGS84 longitude, -180 to 180')
    if (latitude !== null && longitude !== null) location = { latitude, longitude }
  }
  if (lat === null && long === null && addressString === null && addressId === null) {
    problems.push('A location is required: lat and long, address_string or address_id')
  }

  const description = (form.get('description') ?? '').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim()
  if ([...description].length > MAX_DESCRIPTION_CHARACTERS) problems.push(`description is at most ${MAX_DESCRIPTION_CHARACTERS} characters`)
  if (HTML.test(description)) problems.push('description is plain text: no HTML or code')

  const email = limit('email', 254)
  if (email !== null && !EMAIL.test(email)) problems.push('email is not an email address')
  const phone = limit('phone', 40)
  if (phone !== null && !/^[+\d][\d\s().-]*$/.test(phone)) problems.push('phone is a phone number (digits, +, spaces, dashes, brackets)')
  const name = [limit('first_name', 100), limit('last_name', 100)].filter(Boolean).join(' ')
  const accountId = limit('account_id', 100)
  limit('device_id', 100)

  const mediaUrl = limit('media_url', 2048)
  const attachments: NonNullable<NewWorkOrder['attachments']> = []
  if (mediaUrl !== null) {
    const url = URL.canParse(mediaUrl) ? new URL(mediaUrl) : null
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) problems.push('media_url is an http or https URL')
    else attachments.push({ url: url.href, mimeType: mimeTypeOf(url), name: decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'media' })
  }

  const attributes = collectAttributes(form.entries())
  const checked = attributeFields(definitions, attributes.values)
  problems.push(...attributes.problems, ...checked.problems)

  if (problems.length > 0) return { ok: false, problems }
  const citizen: NewWorkOrder['citizen'] = { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) }
  return {
    ok: true,
    accountId,
    draft: {
      type: category.type ?? 'help',
      category: category.code,
      title: titleOf(description, serviceName),
      // A case always has a description: without one, the service says what it is about.
      description: description || serviceName,
      ...(addressString ? { address: addressString } : addressId ? { address: `address_id ${addressId}` } : {}),
      location,
      fields: checked.fields,
      attachments,
      citizen,
      source: 'open311',
    },
  }
}
