import { describe, expect, it } from 'vitest'
import { domainOf, isSystemSender, matchChannelAddress, normalizeAddress, plusAddress } from './email-address.js'

const CHANNEL = ['12345@city.gov.cn', 'hotline@city.gov.cn']

describe('normalizeAddress and domainOf', () => {
  it('trims and lower-cases', () => {
    expect(normalizeAddress('  ZhangSan@Example.CN \r\n')).toBe('zhangsan@example.cn')
  })

  it.each([
    ['12345@City.Gov.CN', 'city.gov.cn'],
    ['"a@b"@example.cn', 'example.cn'],
    ['no-at-sign', ''],
    ['trailing@', ''],
  ])('domainOf(%j) → %j', (address, domain) => {
    expect(domainOf(address)).toBe(domain)
  })
})

describe('matchChannelAddress', () => {
  it.each([
    ['12345@city.gov.cn', { address: '12345@city.gov.cn' }],
    [' 12345@CITY.GOV.CN ', { address: '12345@city.gov.cn' }],
    ['hotline@city.gov.cn', { address: 'hotline@city.gov.cn' }],
    ['12345+cv_abc@city.gov.cn', { address: '12345@city.gov.cn', tag: 'cv_abc' }],
    ['12345+CV_ABC@City.gov.cn', { address: '12345@city.gov.cn', tag: 'cv_abc' }],
    ['12345+a+b@city.gov.cn', { address: '12345@city.gov.cn', tag: 'a+b' }],
    ['12345+@city.gov.cn', { address: '12345@city.gov.cn' }],
  ])('%j matches %j', (address, expected) => {
    expect(matchChannelAddress(address, CHANNEL)).toEqual(expected)
  })

  it.each([['12346@city.gov.cn'], ['12345@city.gov.cn.evil.example'], ['12345@gov.cn'], ['x12345@city.gov.cn'], ['@city.gov.cn'], ['12345'], ['']])(
    '%j does not match',
    (address) => {
      expect(matchChannelAddress(address, CHANNEL)).toBeUndefined()
    },
  )

  it('returns the address as configured', () => {
    expect(matchChannelAddress('12345+t@city.gov.cn', ['12345@City.Gov.CN'])).toEqual({ address: '12345@City.Gov.CN', tag: 't' })
  })

  it('matches nothing with no channel addresses', () => {
    expect(matchChannelAddress('12345@city.gov.cn', [])).toBeUndefined()
  })
})

describe('plusAddress', () => {
  it('puts the tag before the last @', () => {
    expect(plusAddress('12345@city.gov.cn', 'cv_abc')).toBe('12345+cv_abc@city.gov.cn')
  })

  it('round-trips through matchChannelAddress', () => {
    expect(matchChannelAddress(plusAddress('hotline@city.gov.cn', 'cv_9'), CHANNEL)).toEqual({ address: 'hotline@city.gov.cn', tag: 'cv_9' })
  })
})

describe('isSystemSender', () => {
  it.each([['MAILER-DAEMON@mx.example.cn'], ['mailer-daemon@x'], ['Postmaster@example.cn'], ['mail-daemon@x.cn'], ['noreply-dmarc-support@google.com']])(
    '%j is a system sender',
    (address) => {
      expect(isSystemSender(address)).toBe(true)
    },
  )

  it.each([['zhangsan@example.cn'], ['postmaster2@example.cn'], ['noreply@example.cn'], ['daemon@example.cn']])('%j is not', (address) => {
    expect(isSystemSender(address)).toBe(false)
  })
})
