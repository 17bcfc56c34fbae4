import { describe, expect, it } from 'vitest'
import type { ContactDoc } from '../../server/models/contact.js'
import { defaultContactName } from '../../server/pipeline/resolve-contact.js'
import type { Role } from '../../server/presenters/dto.js'
import { presentContact } from '../../server/presenters/present.js'

const PHONE = '13812345678'
const EMAIL = 'zhang.san@example.com'
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'
const VISITOR_ID = 'k3f9Qx-_abcdefghijklmn'

function contact(overrides: Partial<ContactDoc> = {}): ContactDoc {
  return {
    _id: 'ct_1',
    name: 'Zhang San',
    phone: PHONE,
    email: EMAIL,
    language: 'zh-CN',
    identities: [
      { channel: 'wechat', externalId: OPENID },
      { channel: 'web', externalId: VISITOR_ID },
      { channel: 'sms', externalId: `+86${PHONE}` },
      { channel: 'email', externalId: EMAIL },
    ],
    consent: { marketing: false, notifications: true },
    createdAt: new Date('2025-01-01T00:00:00Z'),
    updatedAt: new Date('2025-01-01T00:00:00Z'),
    ...overrides,
  }
}

describe('presentContact: supervisors and admins', () => {
  it.each<Role>(['admin', 'supervisor'])('shows %s the phone, email and channel ids in full', (role) => {
    expect(presentContact(contact(), role)).toEqual({
      id: 'ct_1',
      name: 'Zhang San',
      phone: PHONE,
      email: EMAIL,
      language: 'zh-CN',
      tags: [],
      identities: [
        { channel: 'wechat', externalId: OPENID },
        { channel: 'web', externalId: VISITOR_ID },
        { channel: 'sms', externalId: `+86${PHONE}` },
        { channel: 'email', externalId: EMAIL },
      ],
    })
  })
})

describe('presentContact: agents', () => {
  const seen = presentContact(contact(), 'agent')

  it('shows agents the phone masked as 138****5678', () => {
    expect(seen.phone).toBe('138****5678')
  })

  it('shows agents the email masked', () => {
    expect(seen.email).toBe('z***@example.com')
  })

  it('masks a WeChat openid to its first three and last two characters', () => {
    expect(seen.identities[0]).toEqual({ channel: 'wechat', externalId: 'oUp***6o' })
  })

  it('masks a webchat visitor id the same way', () => {
    expect(seen.identities[1]).toEqual({ channel: 'web', externalId: 'k3f***mn' })
  })

  it('masks phone-number and email identities like the phone and email fields', () => {
    expect(seen.identities[2]).toEqual({ channel: 'sms', externalId: '+86138****5678' })
    expect(seen.identities[3]).toEqual({ channel: 'email', externalId: 'z***@example.com' })
  })

  it('hides short identifiers completely', () => {
    const short = presentContact(contact({ identities: [{ channel: 'x', externalId: 'abcdef' }] }), 'agent')
    expect(short.identities).toEqual([{ channel: 'x', externalId: '***' }])
  })

  it('treats a 7-digit identifier as a phone number', () => {
    const landline = presentContact(contact({ identities: [{ channel: 'sms', externalId: '1234567' }] }), 'agent')
    expect(landline.identities).toEqual([{ channel: 'sms', externalId: '****' }])
  })

  it('keeps the name and language, which agents need to talk to the citizen', () => {
    expect(seen.name).toBe('Zhang San')
    expect(seen.language).toBe('zh-CN')
  })

  it('never contains the full phone, email or openid anywhere', () => {
    const text = JSON.stringify(seen)
    for (const secret of [PHONE, EMAIL, OPENID, VISITOR_ID]) expect(text).not.toContain(secret)
  })

  it('never shows the full phone, email or openid of a citizen the channel gave no name (the default name is masked)', () => {
    const byPhone = presentContact(
      contact({ name: defaultContactName('sms', { externalId: PHONE, phone: PHONE }), email: undefined, identities: [{ channel: 'sms', externalId: PHONE }] }),
      'agent',
    )
    const byEmail = presentContact(
      contact({ name: defaultContactName('mail', { externalId: EMAIL, email: EMAIL }), phone: undefined, identities: [] }),
      'agent',
    )
    const byOpenid = presentContact(
      contact({
        name: defaultContactName('wechat', { externalId: OPENID }),
        phone: undefined,
        email: undefined,
        identities: [{ channel: 'wechat', externalId: OPENID }],
      }),
      'agent',
    )
    expect(JSON.stringify(byPhone)).not.toContain(PHONE)
    expect(JSON.stringify(byEmail)).not.toContain(EMAIL)
    expect(JSON.stringify(byOpenid)).not.toContain(OPENID)
    expect(byOpenid.name).toMatch(/^wechat·[0-9A-F]{6}$/)
    expect(defaultContactName('wechat', { externalId: OPENID })).toBe(byOpenid.name)
  })
})

describe('presentContact: absent fields', () => {
  it('leaves out phone, email and language when the contact has none, for every role', () => {
    for (const role of ['admin', 'supervisor', 'agent'] as const) {
      const seen = presentContact(contact({ phone: undefined, email: undefined, language: undefined, identities: [] }), role)
      expect(seen).toEqual({ id: 'ct_1', name: 'Zhang San', identities: [], tags: [] })
    }
  })

  it('never leaks internal fields such as consent or timestamps', () => {
    expect(Object.keys(presentContact(contact(), 'admin')).sort()).toEqual(['email', 'id', 'identities', 'language', 'name', 'phone', 'tags'])
  })
})
