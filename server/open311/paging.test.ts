import { describe, expect, it } from 'vitest'
import { MAX_PAGE, MAX_PAGE_SIZE, parsePaging } from './paging.js'

describe('parsePaging', () => {
  const paging = (search: string) => {
    const params = new URLSearchParams(search)
    return parsePaging((name) => params.get(name) ?? undefined)
  }

  it('without page or page_size (or with empty ones) is the spec default: the first 1000', () => {
    expect(MAX_PAGE_SIZE).toBe(1000)
    expect(paging('')).toEqual({ ok: true, window: { skip: 0, limit: 1000 } })
    expect(paging('page=&page_size=')).toEqual({ ok: true, window: { skip: 0, limit: 1000 } })
  })

  it('turns a 1-based page and its size into an offset and a limit', () => {
    expect(paging('page=1&page_size=50')).toEqual({ ok: true, window: { skip: 0, limit: 50 } })
    expect(paging('page=3&page_size=50')).toEqual({ ok: true, window: { skip: 100, limit: 50 } })
    expect(paging('page=2')).toEqual({ ok: true, window: { skip: 1000, limit: 1000 } })
    expect(paging('page_size=7')).toEqual({ ok: true, window: { skip: 0, limit: 7 } })
    expect(paging('page=+2+&page_size=1000')).toEqual({ ok: true, window: { skip: 1000, limit: 1000 } })
    expect(paging(`page=${MAX_PAGE}&page_size=1000`)).toEqual({ ok: true, window: { skip: (MAX_PAGE - 1) * 1000, limit: 1000 } })
  })

  it('refuses anything but whole numbers in range, naming each argument', () => {
    for (const size of ['0', '1001', '-5', '10.5', 'ten', '1e3', '0x10', '99999999999']) {
      expect(paging(`page_size=${size}`), size).toEqual({ ok: false, problems: ['page_size is a whole number from 1 to 1000'] })
    }
    for (const page of ['0', '-1', '1.5', 'first', String(MAX_PAGE + 1)]) {
      expect(paging(`page=${page}`), page).toEqual({ ok: false, problems: [`page is a whole number from 1 to ${MAX_PAGE}`] })
    }
    expect(paging('page=0&page_size=0')).toEqual({
      ok: false,
      problems: [`page is a whole number from 1 to ${MAX_PAGE}`, 'page_size is a whole number from 1 to 1000'],
    })
  })
})
