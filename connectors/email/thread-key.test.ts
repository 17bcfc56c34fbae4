import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  CONVERSATION_TOKEN_PATTERN,
  conversationToken,
  fallbackExternalId,
  isForwardSubject,
  lowerCaseDomain,
  MAX_REPLY_REFERENCES,
  MAX_THREAD_REFERENCES,
  normalizeMessageId,
  normalizeSubject,
  outboundMessageId,
  parseMessageIdList,
  replyReferences,
  replySubject,
  threadReferences,
  tokenFromPlusTag,
  tokenFromSubject,
} from './thread-key.js'

describe('normalizeMessageId', () => {
  it.each([
    ['<abc@example.cn>', '<abc@example.cn>'],
    ['  <abc@example.cn>  ', '<abc@example.cn>'],
    ['abc@example.cn', '<abc@example.cn>'],
    [' abc@example.cn\r\n', '<abc@example.cn>'],
    ['< abc@example.cn >', '<abc@example.cn>'],
    ['<CAF=Abc+1@Mail.Gmail.COM>', '<CAF=Abc+1@Mail.Gmail.COM>'],
    ['Zhang <first@x.cn> <second@x.cn>', '<first@x.cn>'],
    ['<first@x.cn> (comment)', '<first@x.cn>'],
  ])('%j → %j (verbatim inside the brackets: case kept)', (input, expected) => {
    expect(normalizeMessageId(input)).toBe(expected)
  })

  it.each([[undefined], [''], ['   '], ['<>'], ['< >'], ['<a b@x.cn>'], ['a b@x.cn'], ['<abc@x.cn'], ['abc@x.cn>']])('%j is garbage → undefined', (input) => {
    expect(normalizeMessageId(input)).toBeUndefined()
  })
})

describe('lowerCaseDomain', () => {
  it.each([
    ['<msg_Ab@City.Gov.CN>', '<msg_Ab@city.gov.cn>'],
    ['<Local@Part@Example.COM>', '<Local@Part@example.com>'],
    ['<NoDomain>', '<NoDomain>'],
  ])('%s → %s (only after the last @)', (input, expected) => {
    expect(lowerCaseDomain(input)).toBe(expected)
  })
})

describe('parseMessageIdList', () => {
  it('reads a single string (mailparser’s shape for one id)', () => {
    expect(parseMessageIdList('<a@x.cn>')).toEqual(['<a@x.cn>'])
  })

  it('reads a list, in order, without repeats', () => {
    expect(parseMessageIdList(['<a@x.cn>', '<b@x.cn>', '<a@x.cn>', '<c@x.cn>'])).toEqual(['<a@x.cn>', '<b@x.cn>', '<c@x.cn>'])
  })

  it('reads several bracketed ids in one string, folded or run together', () => {
    expect(parseMessageIdList('<a@x.cn>\r\n <b@x.cn><c@x.cn>,<d@x.cn>')).toEqual(['<a@x.cn>', '<b@x.cn>', '<c@x.cn>', '<d@x.cn>'])
  })

  it('falls back to white space and commas when no id is bracketed', () => {
    expect(parseMessageIdList('a@x.cn b@x.cn,c@x.cn')).toEqual(['<a@x.cn>', '<b@x.cn>', '<c@x.cn>'])
  })

  it('ignores text around bracketed ids and drops empty ones', () => {
    expect(parseMessageIdList('junk <a@x.cn> more <> <b@x.cn>')).toEqual(['<a@x.cn>', '<b@x.cn>'])
  })

  it.each([[undefined], [''], [[]]])('%j → []', (input) => {
    expect(parseMessageIdList(input as string | string[] | undefined)).toEqual([])
  })
})

describe('threadReferences', () => {
  it('puts In-Reply-To first, then References newest → oldest', () => {
    expect(threadReferences({ inReplyTo: '<c@x.cn>', references: ['<a@x.cn>', '<b@x.cn>', '<c@x.cn>'] })).toEqual(['<c@x.cn>', '<b@x.cn>', '<a@x.cn>'])
  })

  it('follows each id by its lower-case-domain form when that differs, without repeats', () => {
    expect(threadReferences({ inReplyTo: '<Out_1@City.Gov.CN>', references: ['<root@Example.CN>', '<Out_1@city.gov.cn>'] })).toEqual([
      '<Out_1@City.Gov.CN>',
      '<Out_1@city.gov.cn>',
      '<root@Example.CN>',
      '<root@example.cn>',
    ])
  })

  it('works without In-Reply-To and without anything', () => {
    expect(threadReferences({ references: ['<a@x.cn>', '<b@x.cn>'] })).toEqual(['<b@x.cn>', '<a@x.cn>'])
    expect(threadReferences({ references: [] })).toEqual([])
  })

  it(`looks up at most ${MAX_THREAD_REFERENCES} ids, the newest ones`, () => {
    const references = Array.from({ length: 80 }, (_, index) => `<m${index}@x.cn>`)
    const result = threadReferences({ inReplyTo: '<m79@x.cn>', references })
    expect(result).toHaveLength(MAX_THREAD_REFERENCES)
    expect(result[0]).toBe('<m79@x.cn>')
    expect(result[1]).toBe('<m78@x.cn>')
    expect(result.at(-1)).toBe('<m30@x.cn>')
  })
})

describe('replyReferences', () => {
  it('is the parent’s References, then the parent itself (RFC 5322 3.6.4)', () => {
    expect(replyReferences({ externalId: '<p@x.cn>', references: ['<a@x.cn>', '<b@x.cn>'] })).toEqual(['<a@x.cn>', '<b@x.cn>', '<p@x.cn>'])
  })

  it('normalizes, drops garbage and repeats', () => {
    expect(replyReferences({ externalId: 'p@x.cn', references: [' <a@x.cn> ', 'not an id', '<a@x.cn>', '<p@x.cn>'] })).toEqual(['<a@x.cn>', '<p@x.cn>'])
  })

  it('is just the parent when it has no References, and empty without a parent', () => {
    expect(replyReferences({ externalId: '<p@x.cn>' })).toEqual(['<p@x.cn>'])
    expect(replyReferences({ references: ['<a@x.cn>'] })).toEqual(['<a@x.cn>'])
    expect(replyReferences({})).toEqual([])
  })

  it(`keeps the root and the newest ones: ${MAX_REPLY_REFERENCES} ids in all`, () => {
    const references = Array.from({ length: 30 }, (_, index) => `<r${index}@x.cn>`)
    const result = replyReferences({ externalId: '<parent@x.cn>', references })
    expect(result).toHaveLength(MAX_REPLY_REFERENCES)
    expect(result[0]).toBe('<r0@x.cn>')
    expect(result[1]).toBe('<r12@x.cn>')
    expect(result.at(-2)).toBe('<r29@x.cn>')
    expect(result.at(-1)).toBe('<parent@x.cn>')
  })

  it(`keeps exactly ${MAX_REPLY_REFERENCES} ids untouched`, () => {
    const references = Array.from({ length: MAX_REPLY_REFERENCES - 1 }, (_, index) => `<r${index}@x.cn>`)
    expect(replyReferences({ externalId: '<parent@x.cn>', references })).toEqual([...references, '<parent@x.cn>'])
  })
})

describe('fallbackExternalId', () => {
  const fields = { from: 'a@example.net', to: ['12345@city.gov.cn'], subject: 'Online form', date: '2026-06-06T04:00:00.000Z', text: 'Call me.' }

  it('is `hash:` + 40 hex characters, the same for the same mail', () => {
    const id = fallbackExternalId(fields)
    expect(id).toMatch(/^hash:[0-9a-f]{40}$/)
    expect(fallbackExternalId({ ...fields, to: [...fields.to] })).toBe(id)
  })

  it('is the SHA-256 of the newline-joined fields', () => {
    const digest = createHash('sha256').update('a@example.net\n12345@city.gov.cn\nOnline form\n2026-06-06T04:00:00.000Z\nCall me.').digest('hex')
    expect(fallbackExternalId(fields)).toBe(`hash:${digest.slice(0, 40)}`)
  })

  it.each([
    ['from', { from: 'b@example.net' }],
    ['to', { to: ['12345@city.gov.cn', 'other@city.gov.cn'] }],
    ['subject', { subject: 'Other' }],
    ['date', { date: '2026-06-06T04:00:01.000Z' }],
    ['text', { text: 'Call me!' }],
  ])('changes with the %s', (_field, change) => {
    expect(fallbackExternalId({ ...fields, ...change })).not.toBe(fallbackExternalId(fields))
  })

  it('accepts missing optional fields', () => {
    expect(fallbackExternalId({ to: [], text: '' })).toMatch(/^hash:[0-9a-f]{40}$/)
  })
})

describe('outboundMessageId', () => {
  it('is <hub id@channel domain>, the domain in lower case', () => {
    expect(outboundMessageId('msg_out_Ab12-Cd34_ef', 'City.Gov.CN')).toBe('<msg_out_Ab12-Cd34_ef@city.gov.cn>')
  })

  it('hashes an id that is not a dot-atom (so the Message-ID stays valid), deterministically', () => {
    const id = outboundMessageId('msg with spaces<>', 'city.gov.cn')
    const digest = createHash('sha256').update('msg with spaces<>').digest('hex').slice(0, 40)
    expect(id).toBe(`<${digest}@city.gov.cn>`)
    expect(normalizeMessageId(id)).toBe(id)
  })

  it.each([['a..b'], ['.a'], ['a.'], ['a@b']])('hashes %j too', (hubId) => {
    expect(outboundMessageId(hubId, 'city.gov.cn')).toMatch(/^<[0-9a-f]{40}@city\.gov\.cn>$/)
  })
})

describe('conversation tokens', () => {
  it.each([
    ['cv_mabc123def4567890', 'cv_mabc123def4567890'],
    ['665f1c2e9b1d4a0012345678', '665f1c2e9b1d4a0012345678'],
    ['a', 'a'],
    ['a'.repeat(48), 'a'.repeat(48)],
    ['a'.repeat(49), undefined],
    ['CV_1', undefined],
    ['-abc', undefined],
    ['cv.1', undefined],
    ['', undefined],
  ])('conversationToken(%j) → %j', (conversationId, expected) => {
    expect(conversationToken(conversationId)).toBe(expected)
  })

  it.each([
    ['Re: help [#cv_abc123]', 'cv_abc123'],
    ['回复: 关于社保卡补办的咨询 [#cv_mabc123def4567890]', 'cv_mabc123def4567890'],
    ['[#CV_ABC] upper case (an MTA or client changed it)', 'cv_abc'],
    ['first [#one] then [#two]', 'one'],
    ['no token', undefined],
    ['[#] empty', undefined],
    ['[#-x] bad start', undefined],
    ['[cv_abc] no hash', undefined],
    [undefined, undefined],
  ])('tokenFromSubject(%j) → %j', (subject, expected) => {
    expect(tokenFromSubject(subject)).toBe(expected)
  })

  it.each([
    ['cv_abc', 'cv_abc'],
    ['CV_ABC', 'cv_abc'],
    ['has.dot', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('tokenFromPlusTag(%j) → %j', (tag, expected) => {
    expect(tokenFromPlusTag(tag)).toBe(expected)
  })

  it('the pattern is anchored', () => {
    expect(CONVERSATION_TOKEN_PATTERN.test('ok\nnot ok')).toBe(false)
  })
})

describe('normalizeSubject', () => {
  it.each([
    ['Re: help', 'help'],
    ['RE: re: Re: help', 'help'],
    ['Re[2]: help', 'help'],
    ['Re(3): help', 'help'],
    ['Re : help', 'help'],
    ['Fwd: Fw: FW: help', 'help'],
    ['AW: WG: Antw: help', 'help'],
    ['SV: VS: help', 'help'],
    ['回复：回复: 关于社保卡补办的咨询', '关于社保卡补办的咨询'],
    ['答复: 转发：回覆: 答覆: 轉寄: 轉發: 问题', '问题'],
    ['Re: help [#cv_abc]', 'help'],
    ['[#cv_abc] Re: help', 'help'],
    ['Re:   lots   of   space  ', 'lots of space'],
    ['Reminder: renew your card', 'Reminder: renew your card'],
    ['Awareness: week', 'Awareness: week'],
    ['Help: Re: this', 'Help: Re: this'],
    ['Re: ', ''],
    ['', ''],
    [undefined, ''],
  ])('%j → %j', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected)
  })
})

describe('isForwardSubject', () => {
  it.each([['Fwd: x'], ['FW: x'], ['fw : x'], ['Fwd[2]: x'], ['WG: x'], ['转发：物业通知'], ['轉寄: x'], ['轉發：x'], ['  Fwd: leading space']])(
    '%j is a forward',
    (subject) => {
      expect(isForwardSubject(subject)).toBe(true)
    },
  )

  it.each([['Re: x'], ['Re: Fwd: x'], ['Forward planning'], ['x Fwd: y'], [''], [undefined]])('%j is not', (subject) => {
    expect(isForwardSubject(subject)).toBe(false)
  })
})

describe('replySubject', () => {
  it.each([
    ['help', undefined, 'Re: help'],
    ['Re: Re: help', undefined, 'Re: help'],
    ['回复: 关于社保卡补办的咨询', 'cv_1', 'Re: 关于社保卡补办的咨询 [#cv_1]'],
    ['Re: help [#cv_1]', 'cv_1', 'Re: help [#cv_1]'],
    ['Re: help [#cv_old]', 'cv_new', 'Re: help [#cv_new]'],
    [undefined, undefined, 'Your message'],
    ['', 'cv_1', 'Your message [#cv_1]'],
    ['Re: ', undefined, 'Your message'],
  ])('%j with token %j → %j (never Re: Re:, one token)', (original, token, expected) => {
    expect(replySubject(original, { fallback: 'Your message', token })).toBe(expected)
  })
})
