import { describe, expect, it } from 'vitest'
import { readVisitorToken, type TokenStorage, visitorTokenKey, writeVisitorToken } from '../../widget/src/token-store.js'

function memoryStorage(): TokenStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) }
}

const throwing: TokenStorage = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError')
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError')
  },
}

describe('visitor token storage', () => {
  it('uses one key per channel', () => {
    expect(visitorTokenKey('web')).toBe('switchboard:web:visitor')
  })

  it('round-trips a token per channel', () => {
    const storage = memoryStorage()
    expect(readVisitorToken(storage, 'web')).toBeNull()
    expect(writeVisitorToken(storage, 'web', 'tok-1')).toBe(true)
    expect(storage.data.get('switchboard:web:visitor')).toBe('tok-1')
    expect(readVisitorToken(storage, 'web')).toBe('tok-1')
    expect(readVisitorToken(storage, 'other')).toBeNull()
  })

  it('ignores a stored value that is not a token (edited by hand, or by the host page)', () => {
    const storage = memoryStorage()
    storage.data.set('switchboard:web:visitor', 'not a token')
    expect(readVisitorToken(storage, 'web')).toBeNull()
    expect(writeVisitorToken(storage, 'web', '')).toBe(false)
  })

  it('works without storage when the browser refuses it', () => {
    expect(readVisitorToken(throwing, 'web')).toBeNull()
    expect(writeVisitorToken(throwing, 'web', 'tok')).toBe(false)
    expect(readVisitorToken(null, 'web')).toBeNull()
    expect(writeVisitorToken(null, 'web', 'tok')).toBe(false)
  })
})
