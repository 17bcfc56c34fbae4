import { describe, expect, it } from 'vitest'
import { readApiKeys } from './api-keys.js'

describe('readApiKeys', () => {
  it('reads comma-separated keys from the named variable and tells which one matched', () => {
    const keys = readApiKeys({ OPEN311_API_KEYS: ' first-key-123 ,, second-key-456 ' }, 'OPEN311_API_KEYS')
    expect(keys.count).toBe(2)
    expect(keys.match('second-key-456')).toBe(2)
    expect(keys.match('first-key-123')).toBe(1)
    expect(keys.match('first-key-12')).toBeNull()
    expect(keys.match('')).toBeNull()
    expect(keys.match(undefined)).toBeNull()
  })

  it('has no keys, and matches nothing, when the variable is unset or empty', () => {
    expect(readApiKeys({}, 'OPEN311_API_KEYS').count).toBe(0)
    expect(readApiKeys({ OPEN311_API_KEYS: ' , ' }, 'OPEN311_API_KEYS').match(',')).toBeNull()
  })
})
