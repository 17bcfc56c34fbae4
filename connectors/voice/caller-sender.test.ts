import { describe, expect, it } from 'vitest'
import { callerSender, isWithheldNumber } from './caller-sender.js'

describe('isWithheldNumber', () => {
  it.each([
    ['+8613800000000', false],
    ['client:agent-wang', false],
    ['sip:alice@example.com', false],
    ['+266696687', true],
    ['Anonymous', true],
    ['restricted', true],
    ['', true],
    [undefined, true],
    ['12345', true],
  ])('%s → %s', (from, withheld) => {
    expect(isWithheldNumber(from)).toBe(withheld)
  })
})

describe('callerSender', () => {
  it('uses the number as id and phone, with name and language when known', () => {
    expect(callerSender({ from: '+8613800000000', callSid: 'CA1', callerName: 'WANG', language: 'en' })).toEqual({
      externalId: '+8613800000000',
      phone: '+8613800000000',
      displayName: 'WANG',
      language: 'en',
    })
  })

  it('keeps client identities without a phone', () => {
    expect(callerSender({ from: 'client:kiosk-1', callSid: 'CA1' })).toEqual({ externalId: 'client:kiosk-1' })
  })

  it('gives withheld callers one identity per call', () => {
    expect(callerSender({ from: '+7378742833', callSid: 'CA7' })).toEqual({ externalId: 'anonymous:CA7' })
    expect(callerSender({ callSid: 'CA8' })).toEqual({ externalId: 'anonymous:CA8' })
  })
})
