/**
 * GET requests' paging, the most widely implemented GeoReport v2 extension (Extensions.md,
 * "Pagination"): `page` (1-based) and `page_size` (at most the spec's default limit, 1000, which
 * is also the default). Without either the query is the spec's own: the first 1000 requests.
 * Requests come newest first with the case number breaking ties, so pages do not overlap.
 */
import { MAX_REQUESTS } from './requests-query.js'

export const MAX_PAGE_SIZE = MAX_REQUESTS
/** Far beyond any 90-day window; keeps the offset a small, exact number. */
export const MAX_PAGE = 1_000_000

/** What the database query skips and returns. */
export interface PageWindow {
  skip: number
  limit: number
}

/** The order every page is cut from: newest first, then the (unique) case number. */
export const REQUESTS_ORDER = { createdAt: -1, number: -1 } as const

function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null
}

/** page and page_size; an empty one is a missing one. */
export function parsePaging(argument: (name: string) => string | undefined): { ok: true; window: PageWindow } | { ok: false; problems: string[] } {
  const problems: string[] = []
  const read = (name: string, max: number): number | null => {
    const text = argument(name)?.trim()
    if (!text) return null
    const value = wholeNumber(text)
    if (value === null || value < 1 || value > max) {
      problems.push(`${name} is a whole number from 1 to ${max}`)
      return null
    }
    return value
  }
  const page = read('page', MAX_PAGE) ?? 1
  const size = read('page_size', MAX_PAGE_SIZE) ?? MAX_PAGE_SIZE
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, window: { skip: (page - 1) * size, limit: size } }
}
