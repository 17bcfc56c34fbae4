import { describe, expect, it } from 'vitest'
import { maskEmail, maskPhone } from '../../server/presenters/mask-pii.js'

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a Chinese mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('keeps the country code prefix and last four digits of an E.164 number', () => {
    expect(maskPhone('+12125550123')).toBe('+121****0123')
    expect(maskPhone('+8613812345678')).toBe('+86138****5678')
  })

  it('ignores spaces in the number', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678')
    expect(maskPhone(' 138\t1234 5678 ')).toBe('138****5678')
  })

  it('always hides four characters in the middle', () => {
    for (const phone of ['12345678', '123456789', '13812345678', '+8613812345678']) {
      const masked = maskPhone(phone)
      expect(masked).toHaveLength(phone.length)
      expect(masked.slice(-8, -4)).toBe('****')
      expect(masked.slice(-4)).toBe(phone.slice(-4))
    }
  })

  it('shows only the last four digits of an eight-digit landline', () => {
    expect(maskPhone('62345678')).toBe('****5678')
  })

  it('hides short numbers completely', () => {
    for (const phone of ['', '1', '110', '12345', '1234567']) expect(maskPhone(phone)).toBe('****')
  })
})

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com')
  })

  it('hides the length of the local part', () => {
    expect(maskEmail('a@example.com')).toBe('a***@example.com')
    expect(maskEmail('abcdefghijklmnop@example.com')).toBe('a***@example.com')
  })

  it('hides everything when there is no local part or no @', () => {
    expect(maskEmail('@example.com')).toBe('***')
    expect(maskEmail('not-an-email')).toBe('***')
    expect(maskEmail('')).toBe('***')
  })
})
