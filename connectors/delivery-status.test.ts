import { describe, expect, it } from 'vitest'
import { isStatusAdvance } from './delivery-status.js'
import type { DeliveryStatus } from './spec.js'

const ALL: DeliveryStatus[] = ['queued', 'sent', 'delivered', 'read', 'failed']

/** Applies receipts in order the way applyDeliveryStatus does: only advances are recorded. */
function replay(start: DeliveryStatus, receipts: DeliveryStatus[]): DeliveryStatus {
  return receipts.reduce((current, next) => (isStatusAdvance(current, next) ? next : current), start)
}

describe('isStatusAdvance: the happy path', () => {
  it('moves forward through queued → sent → delivered → read', () => {
    expect(isStatusAdvance('queued', 'sent')).toBe(true)
    expect(isStatusAdvance('sent', 'delivered')).toBe(true)
    expect(isStatusAdvance('delivered', 'read')).toBe(true)
  })

  it('may skip steps (a read receipt can arrive before the delivered one)', () => {
    expect(isStatusAdvance('queued', 'delivered')).toBe(true)
    expect(isStatusAdvance('queued', 'read')).toBe(true)
    expect(isStatusAdvance('sent', 'read')).toBe(true)
  })

  it('never moves back', () => {
    expect(isStatusAdvance('sent', 'queued')).toBe(false)
    expect(isStatusAdvance('delivered', 'sent')).toBe(false)
    expect(isStatusAdvance('delivered', 'queued')).toBe(false)
    expect(isStatusAdvance('read', 'delivered')).toBe(false)
    expect(isStatusAdvance('read', 'sent')).toBe(false)
    expect(isStatusAdvance('read', 'queued')).toBe(false)
  })

  it.each(ALL)('is not an advance to repeat %s', (status) => {
    expect(isStatusAdvance(status, status)).toBe(false)
  })
})

describe('isStatusAdvance: failures', () => {
  it('records a failure before the citizen has the message', () => {
    expect(isStatusAdvance('queued', 'failed')).toBe(true)
    expect(isStatusAdvance('sent', 'failed')).toBe(true)
  })

  it('ignores a failure after the citizen has the message', () => {
    expect(isStatusAdvance('delivered', 'failed')).toBe(false)
    expect(isStatusAdvance('read', 'failed')).toBe(false)
  })

  it('lets a late delivered or read receipt overrule a failure', () => {
    expect(isStatusAdvance('failed', 'delivered')).toBe(true)
    expect(isStatusAdvance('failed', 'read')).toBe(true)
  })

  it('does not let queued or sent overrule a failure', () => {
    expect(isStatusAdvance('failed', 'queued')).toBe(false)
    expect(isStatusAdvance('failed', 'sent')).toBe(false)
  })
})

describe('isStatusAdvance: receipts in any order', () => {
  it('ends at read whatever order delivered, sent and read arrive in', () => {
    const orders: DeliveryStatus[][] = [
      ['sent', 'delivered', 'read'],
      ['read', 'delivered', 'sent'],
      ['delivered', 'read', 'sent'],
      ['read', 'sent', 'delivered'],
    ]
    for (const order of orders) expect(replay('queued', order)).toBe('read')
  })

  it('ends at failed when the send fails and no receipt follows, even if the sent report is late', () => {
    expect(replay('queued', ['failed', 'sent'])).toBe('failed')
  })

  it('ends at delivered when a failure report races a delivered receipt, in either order', () => {
    expect(replay('queued', ['failed', 'delivered'])).toBe('delivered')
    expect(replay('queued', ['delivered', 'failed'])).toBe('delivered')
  })

  it('never leaves read once reached, whatever arrives later', () => {
    for (const next of ALL) expect(replay('read', [next])).toBe('read')
  })

  it('has no cycles: no two statuses advance to each other', () => {
    for (const a of ALL) for (const b of ALL) expect(isStatusAdvance(a, b) && isStatusAdvance(b, a)).toBe(false)
  })
})
