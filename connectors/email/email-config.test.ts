import { describe, expect, it } from 'vitest'
import { EMAIL_DEFAULT_MAX_MESSAGE_BYTES, EMAIL_DEFAULT_SMTP_PORT, emailAddressSchema, emailConfigProblems, emailConfigSchema } from './email-config.js'

const minimal = { type: 'email', addresses: ['12345@city.gov.cn'], inbound: { smtp: {} }, outbound: { host: 'smtp.city.gov.cn' } }

const issuesOf = (input: unknown) => emailConfigSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []

describe('emailConfigSchema', () => {
  it('fills in the documented defaults', () => {
    expect(emailConfigSchema.parse(minimal)).toEqual({
      type: 'email',
      addresses: ['12345@city.gov.cn'],
      inbound: { smtp: { host: '0.0.0.0', requireAuth: false, allowInsecureAuth: false, maxConnections: 100 } },
      outbound: { host: 'smtp.city.gov.cn', port: 587, secure: false, requireTLS: false, pool: true, maxConnections: 5 },
      maxMessageBytes: EMAIL_DEFAULT_MAX_MESSAGE_BYTES,
      remoteImages: 'block',
      threading: { afterResolved: 'reopen', unmatched: 'new', subjectToken: true, replyToToken: false },
      attachmentRetentionHours: 168,
    })
    expect(EMAIL_DEFAULT_MAX_MESSAGE_BYTES).toBe(10 * 1024 * 1024)
    expect(EMAIL_DEFAULT_SMTP_PORT).toBe(2525)
  })

  it('fills in the IMAP poller’s defaults', () => {
    const config = emailConfigSchema.parse({ ...minimal, inbound: { imap: { host: 'imap.city.gov.cn', user: '12345', passwordEnv: 'EMAIL_IMAP_PASSWORD' } } })
    expect(config.inbound).toEqual({
      imap: {
        host: 'imap.city.gov.cn',
        port: 993,
        secure: true,
        user: '12345',
        passwordEnv: 'EMAIL_IMAP_PASSWORD',
        mailbox: 'INBOX',
        idle: true,
        pollIntervalSeconds: 60,
        markSeen: true,
      },
    })
  })

  it('normalizes addresses (trimmed, lower case), the From address too', () => {
    const config = emailConfigSchema.parse({ ...minimal, addresses: [' 12345@City.Gov.CN '], outbound: { host: 'h', from: 'Hotline@City.Gov.CN' } })
    expect(config.addresses).toEqual(['12345@city.gov.cn'])
    expect(config.outbound.from).toBe('hotline@city.gov.cn')
  })

  it('accepts a full configuration', () => {
    const full = {
      ...minimal,
      displayName: '12345热线',
      inbound: {
        smtp: {
          port: 25,
          hostname: 'mx.city.gov.cn',
          tls: { keyPath: '/etc/tls/key.pem', certPath: '/etc/tls/cert.pem' },
          users: [{ username: 'relay', passwordEnv: 'EMAIL_RELAY_PASSWORD' }],
          requireAuth: true,
        },
        imap: { host: 'imap.city.gov.cn', user: '12345', passwordEnv: 'EMAIL_IMAP_PASSWORD', idle: false, pollIntervalSeconds: 30 },
      },
      outbound: {
        host: 'smtp.city.gov.cn',
        port: 465,
        secure: true,
        user: '12345',
        passwordEnv: 'EMAIL_SMTP_PASSWORD',
        defaultSubject: '12345热线回复',
        dkim: { domain: 'city.gov.cn', selector: 'hotline2026', privateKeyEnv: 'EMAIL_DKIM_KEY' },
      },
      remoteImages: 'allow',
      threading: { afterResolved: 'new', unmatched: 'active', subjectToken: false, replyToToken: true },
      maxMessageBytes: 25 * 1024 * 1024,
      attachmentRetentionHours: 24,
    }
    expect(issuesOf(full)).toEqual([])
  })

  it('names environment variables, never secrets', () => {
    expect(issuesOf({ ...minimal, outbound: { host: 'h', user: 'u', passwordEnv: 'hunter2!' } })).toEqual([
      ['outbound.passwordEnv', 'passwordEnv is the NAME of an environment variable, e.g. EMAIL_SMTP_PASSWORD'],
    ])
  })

  it.each([
    ['no address', { addresses: [] }],
    ['an address without a dotted domain', { addresses: ['12345@localhost'] }],
    ['an address with a display name', { addresses: ['"12345" <12345@city.gov.cn>'] }],
    ['an address with two @', { addresses: ['a@b@city.gov.cn'] }],
    ['no outbound relay', { outbound: undefined }],
    ['an empty relay host', { outbound: { host: '  ' } }],
    ['a port out of range', { outbound: { host: 'h', port: 70_000 } }],
    ['a fractional port', { inbound: { smtp: { port: 25.5 } } }],
    ['a poll interval under 5 s', { inbound: { imap: { host: 'h', user: 'u', passwordEnv: 'P', pollIntervalSeconds: 1 } } }],
    ['an IMAP poller without passwordEnv', { inbound: { imap: { host: 'h', user: 'u' } } }],
    ['an empty SMTP users list', { inbound: { smtp: { users: [] } } }],
    ['a DKIM selector that is not a DNS label', { outbound: { host: 'h', dkim: { domain: 'city.gov.cn', selector: '-bad', privateKeyEnv: 'K' } } }],
    ['a size limit under 64 KiB', { maxMessageBytes: 1000 }],
    ['a size limit over 50 MiB', { maxMessageBytes: 51 * 1024 * 1024 }],
    ['an unknown remoteImages mode', { remoteImages: 'proxy' }],
    ['an unknown threading mode', { threading: { unmatched: 'merge' } }],
    ['a retention over 30 days', { attachmentRetentionHours: 24 * 31 }],
    ['another connector type', { type: 'sms' }],
  ])('rejects %s', (_label, change) => {
    expect(emailConfigSchema.safeParse({ ...minimal, ...change }).success).toBe(false)
  })

  it('runs the cross-field rules: every problem at once, each at its path', () => {
    const input = {
      type: 'email',
      addresses: ['12345@city.gov.cn', '12345+x@city.gov.cn', '12345@CITY.gov.cn'],
      outbound: { host: 'smtp.city.gov.cn', user: '12345' },
    }
    expect(issuesOf(input)).toEqual([
      ['inbound', 'configure inbound.smtp (a listener), inbound.imap (a mailbox poller) or both'],
      ['addresses.1', 'list the base address: plus addresses match it already'],
      ['addresses.2', 'duplicate address 12345@city.gov.cn'],
      ['outbound.passwordEnv', 'set both outbound.user and outbound.passwordEnv, or neither'],
    ])
  })
})

describe('emailConfigProblems', () => {
  const parsed = emailConfigSchema.parse(minimal)

  it('is empty for a valid config', () => {
    expect(emailConfigProblems(parsed)).toEqual([])
  })

  it('lists every problem at once (the hub’s .shape drops the refinement, the factory calls this)', () => {
    const problems = emailConfigProblems({
      addresses: ['12345@city.gov.cn', '12345+cv_1@city.gov.cn', 'hotline@city.gov.cn', '12345@city.gov.cn', '12345+cv_1@city.gov.cn'],
      inbound: {},
      outbound: { ...parsed.outbound, passwordEnv: 'EMAIL_SMTP_PASSWORD' },
    })
    expect(problems).toEqual([
      { path: ['inbound'], message: 'configure inbound.smtp (a listener), inbound.imap (a mailbox poller) or both' },
      { path: ['addresses', 1], message: 'list the base address: plus addresses match it already' },
      { path: ['addresses', 3], message: 'duplicate address 12345@city.gov.cn' },
      { path: ['addresses', 4], message: 'list the base address: plus addresses match it already' },
      { path: ['addresses', 4], message: 'duplicate address 12345+cv_1@city.gov.cn' },
      { path: ['outbound', 'passwordEnv'], message: 'set both outbound.user and outbound.passwordEnv, or neither' },
    ])
  })

  it('accepts an IMAP poller alone, and a relay login with both user and passwordEnv', () => {
    const imap = emailConfigSchema.parse({ ...minimal, inbound: { imap: { host: 'h', user: 'u', passwordEnv: 'P' } } })
    expect(emailConfigProblems(imap)).toEqual([])
    expect(emailConfigProblems({ ...parsed, outbound: { ...parsed.outbound, user: 'u', passwordEnv: 'P' } })).toEqual([])
  })

  it('refuses requireAuth without accounts (nobody could authenticate, so the listener would take mail from anyone)', () => {
    const smtp = emailConfigSchema.shape.inbound.parse({ smtp: { requireAuth: true } })
    expect(emailConfigProblems({ ...parsed, inbound: smtp })).toEqual([
      { path: ['inbound', 'smtp', 'users'], message: 'requireAuth needs at least one entry in users' },
    ])
    const withUser = emailConfigSchema.shape.inbound.parse({ smtp: { requireAuth: true, users: [{ username: 'relay', passwordEnv: 'RELAY_PASSWORD' }] } })
    expect(emailConfigProblems({ ...parsed, inbound: withUser })).toEqual([])
  })

  it('a plus sign in the domain is not a plus address', () => {
    expect(emailConfigProblems({ ...parsed, addresses: ['12345@a+b.gov.cn'] })).toEqual([])
  })
})

describe('emailAddressSchema', () => {
  it.each([
    ['12345@city.gov.cn', '12345@city.gov.cn'],
    ['  Zhang.San+tag@Example.CN ', 'zhang.san+tag@example.cn'],
  ])('%j → %j', (input, expected) => {
    expect(emailAddressSchema.parse(input)).toBe(expected)
  })

  it.each([['no-at.example.cn'], ['a b@example.cn'], ['a@example'], ['<a@example.cn>'], ['a@exa;mple.cn'], ['']])('rejects %j', (input) => {
    expect(emailAddressSchema.safeParse(input).success).toBe(false)
  })
})
