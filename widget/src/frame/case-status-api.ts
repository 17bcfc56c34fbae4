/**
 * POST /api/case-status: the citizen's own lookup of a case by its number. The widget sends its
 * channel and visitor token, so the citizen who filed the case from this widget sees the details
 * without the phone check; anyone else needs the last four digits of the phone number given.
 * The answer is checked because it comes from the network.
 */
import type { Lang } from '../i18n/languages.js'

export interface CaseStatus {
  number: string
  status: string
  text: string
  /** The asker proved they filed it: the text carries the department, deadline and outcome. */
  verified: boolean
}

export type CaseStatusFailure = 'not_found' | 'rate_limited' | 'invalid' | 'network' | 'unknown'

export class CaseStatusError extends Error {
  constructor(readonly reason: CaseStatusFailure) {
    super(reason)
  }
}

export interface CaseLookup {
  number: string
  /** The last four digits of the phone number; empty when not given. */
  check: string
  channelId: string
  token: string | null
  language: Lang
}

/** What the form must fix before asking: the number (6 to 32 characters) and, when given, exactly four digits. */
export function lookupProblem(number: string, check: string): 'number' | 'check' | null {
  const trimmed = number.trim()
  if (trimmed.length < 6 || trimmed.length > 32) return 'number'
  if (check.trim() && !/^\d{4}$/.test(check.trim())) return 'check'
  return null
}

export async function fetchCaseStatus(lookup: CaseLookup, fetchImpl: typeof fetch = fetch): Promise<CaseStatus> {
  const check = lookup.check.trim()
  let response: Response
  try {
    response = await fetchImpl('/api/case-status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        number: lookup.number.trim(),
        ...(check ? { check } : {}),
        channelId: lookup.channelId,
        ...(lookup.token ? { token: lookup.token } : {}),
        language: lookup.language,
      }),
    })
  } catch {
    throw new CaseStatusError('network')
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.status === 404) throw new CaseStatusError('not_found')
  if (response.status === 429) throw new CaseStatusError('rate_limited')
  if (response.status === 400) throw new CaseStatusError('invalid')
  if (!response.ok) throw new CaseStatusError('unknown')
  const { number, status, text, verified } = (body ?? {}) as Record<string, unknown>
  if (typeof number !== 'string' || typeof status !== 'string' || typeof text !== 'string') throw new CaseStatusError('unknown')
  return { number, status, text, verified: verified === true }
}
