import { describe, expect, it } from 'vitest'
import { requestsFilter } from './requests-filter.js'
import { parseRequestsQuery } from './requests-query.js'

describe('parseRequestsQuery', () => {
  const now = new Date('2026-06-01T00:00:00Z')
  const query = (search: string) => {
    const params = new URLSearchParams(search)
    return parseRequestsQuery((name) => params.get(name) ?? undefined, now)
  }
  const day = 24 * 60 * 60 * 1000

  it('defaults to the last 90 days, every code and status', () => {
    expect(query('')).toEqual({ ok: true, query: { ids: null, serviceCodes: null, statuses: null, from: new Date(now.getTime() - 90 * day), to: now } })
  })

  it('lets service_request_id override every other argument, even invalid ones', () => {
    expect(query('service_request_id=2026-000001,+2026-000002,,2026-000001&status=nope&start_date=bad')).toEqual({
      ok: true,
      query: { ids: ['2026-000001', '2026-000002'] },
    })
  })

  it('reads comma lists of codes and statuses and refuses unknown statuses', () => {
    expect(query('service_code=0301,05&status=open,closed')).toMatchObject({ ok: true, query: { serviceCodes: ['0301', '05'], statuses: ['open', 'closed'] } })
    expect(query('status=open,pending')).toEqual({ ok: false, problems: ['status "pending" is not one of open, closed'] })
  })

  it('keeps the window within 90 days, from whichever end is given', () => {
    expect(query('start_date=2026-01-01T00:00:00Z&end_date=2026-03-31T00:00:00Z')).toMatchObject({ ok: true })
    expect(query('start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:01Z')).toEqual({
      ok: false,
      problems: ['start_date to end_date may not span more than 90 days'],
    })
    expect(query('start_date=2026-01-01T00:00:00Z')).toMatchObject({
      ok: true,
      query: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
    })
    expect(query('end_date=2026-01-01T08:00:00%2B08:00')).toMatchObject({
      ok: true,
      query: { from: new Date('2025-10-03T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') },
    })
    expect(query('start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z')).toEqual({ ok: false, problems: ['end_date is before start_date'] })
    expect(query('start_date=2026-01-01')).toEqual({ ok: false, problems: ['start_date is a W3C date and time with its zone, e.g. 2010-01-01T00:00:00Z'] })
  })

  it('becomes a database filter on public codes only, never confidential cases', () => {
    const parsed = query('service_code=0301,secret&status=closed')
    if (!parsed.ok) throw new Error('expected a query')
    const filter = requestsFilter(parsed.query, { publicCodes: ['0301', '05'], publish: 'open311' })
    expect(filter).toMatchObject({
      category: { $in: ['0301'] },
      confidential: { $ne: true },
      source: 'open311',
      status: { $in: expect.arrayContaining(['resolved', 'archived']) },
    })
    expect(requestsFilter({ ids: ['2026-000001'] }, { publicCodes: ['05'], publish: 'all' })).toEqual({
      category: { $in: ['05'] },
      confidential: { $ne: true },
      number: { $in: ['2026-000001'] },
    })
  })
})
