import { describe, expect, it } from 'vitest'
import { CaseStatusError, fetchCaseStatus, lookupProblem } from '../../widget/src/frame/case-status-api.js'
import { frame as en } from '../../widget/src/i18n/en.js'
import { frame as zh } from '../../widget/src/i18n/zh-CN.js'

function fakeFetch(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
  return async (_input, init) => {
    if (init) seen.push(init)
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  }
}

const lookup = { number: ' 2026-000001 ', check: '', channelId: 'web', token: 'tok', language: 'zh-CN' as const }
const answer = {
  number: '2026-000001',
  status: 'dispatched',
  statusLabel: { 'zh-CN': '已派发', en: 'sent' },
  text: '工单 2026-000001：已派发。',
  verified: true,
}

describe('the widget’s case lookup', () => {
  it('checks the number and the optional four digits before asking', () => {
    expect(lookupProblem('2026-000001', '')).toBeNull()
    expect(lookupProblem('2026-000001', '5678')).toBeNull()
    expect(lookupProblem('  12 ', '')).toBe('number')
    expect(lookupProblem('2026-000001', '56a8')).toBe('check')
    expect(lookupProblem('2026-000001', '567')).toBe('check')
  })

  it('posts the number, the widget channel and visitor token, without cookies; the digits only when given', async () => {
    const seen: RequestInit[] = []
    await expect(fetchCaseStatus(lookup, fakeFetch(200, answer, seen))).resolves.toEqual({
      number: '2026-000001',
      status: 'dispatched',
      text: '工单 2026-000001：已派发。',
      verified: true,
    })
    expect(JSON.parse(String(seen[0]?.body))).toEqual({ number: '2026-000001', channelId: 'web', token: 'tok', language: 'zh-CN' })
    expect(seen[0]?.credentials).toBe('omit')
    await fetchCaseStatus({ ...lookup, check: '5678', token: null, language: 'en' }, fakeFetch(200, answer, seen))
    expect(JSON.parse(String(seen[1]?.body))).toEqual({ number: '2026-000001', check: '5678', channelId: 'web', language: 'en' })
  })

  it('names each failure so the form can say it in the citizen’s language', async () => {
    await expect(fetchCaseStatus(lookup, fakeFetch(404, { error: { code: 'not_found' } }))).rejects.toMatchObject({ reason: 'not_found' })
    await expect(fetchCaseStatus(lookup, fakeFetch(429, {}))).rejects.toMatchObject({ reason: 'rate_limited' })
    await expect(fetchCaseStatus(lookup, fakeFetch(200, { number: 1 }))).rejects.toMatchObject({ reason: 'unknown' })
    const offline: typeof fetch = async () => {
      throw new TypeError('offline')
    }
    await expect(fetchCaseStatus(lookup, offline)).rejects.toBeInstanceOf(CaseStatusError)
    for (const key of ['caseErrorNotFound', 'caseErrorRateLimited', 'caseErrorGeneric', 'caseErrorNumber', 'caseErrorCheck'] as const) {
      expect(en[key]).not.toBe(zh[key])
    }
  })
})
