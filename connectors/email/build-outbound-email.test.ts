import { describe, expect, it } from 'vitest'
import type { OutboundMessage } from '../spec.js'
import { buildOutboundEmail, type OutboundEmailSettings, textToHtml } from './build-outbound-email.js'
import { MAX_REPLY_REFERENCES } from './thread-key.js'

const settings: OutboundEmailSettings = {
  from: { address: '12345@city.gov.cn', name: '12345热线' },
  defaultSubject: '12345热线',
  subjectToken: true,
  replyToToken: false,
}

function message(patch: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: 'msg_out_Ab12-Cd34_ef',
    conversationId: 'cv_mabc123def4567890',
    recipient: { externalId: 'zhangsan@example.cn' },
    type: 'text',
    text: '您好，请携带身份证原件到任一社保服务网点办理。',
    ...patch,
  }
}

describe('buildOutboundEmail', () => {
  it('a reply: threads on the mail it answers', () => {
    const email = buildOutboundEmail(
      message({
        replyTo: {
          externalId: '<202606011502000001@example.cn>',
          references: ['<202606010912010531234@example.cn>', '<msg_out_Ab12@city.gov.cn>'],
          subject: '回复: 关于社保卡补办的咨询 [#cv_mabc123def4567890]',
        },
      }),
      settings,
    )
    expect(email).toEqual({
      messageId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
      from: { address: '12345@city.gov.cn', name: '12345热线' },
      to: 'zhangsan@example.cn',
      subject: 'Re: 关于社保卡补办的咨询 [#cv_mabc123def4567890]',
      inReplyTo: '<202606011502000001@example.cn>',
      references: ['<202606010912010531234@example.cn>', '<msg_out_Ab12@city.gov.cn>', '<202606011502000001@example.cn>'],
      text: '您好，请携带身份证原件到任一社保服务网点办理。',
      html: textToHtml('您好，请携带身份证原件到任一社保服务网点办理。'),
      headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
    })
  })

  it('a first message (the agent writes first): default subject with the token, no threading headers', () => {
    const email = buildOutboundEmail(message(), settings)
    expect(email.subject).toBe('12345热线 [#cv_mabc123def4567890]')
    expect(email).not.toHaveProperty('inReplyTo')
    expect(email).not.toHaveProperty('references')
    expect(email).not.toHaveProperty('replyTo')
  })

  it('a reply to a mail without a subject uses the default subject', () => {
    expect(buildOutboundEmail(message({ replyTo: { externalId: '<q@example.cn>' } }), settings).subject).toBe('12345热线 [#cv_mabc123def4567890]')
  })

  it('never writes Re: Re:', () => {
    const email = buildOutboundEmail(message({ replyTo: { externalId: '<q@example.cn>', subject: 'RE: Re: 回复：路灯损坏' } }), settings)
    expect(email.subject).toBe('Re: 路灯损坏 [#cv_mabc123def4567890]')
  })

  it('leaves the token out of the subject when subjectToken is off', () => {
    const email = buildOutboundEmail(message({ replyTo: { externalId: '<q@example.cn>', subject: 'help [#cv_mabc123def4567890]' } }), {
      ...settings,
      subjectToken: false,
    })
    expect(email.subject).toBe('Re: help')
  })

  it('leaves the token out when the conversation id cannot be one', () => {
    const email = buildOutboundEmail(message({ conversationId: 'Conv 42', replyTo: { externalId: '<q@example.cn>', subject: 'help' } }), {
      ...settings,
      replyToToken: true,
    })
    expect(email.subject).toBe('Re: help')
    expect(email).not.toHaveProperty('replyTo')
  })

  it('sets a plus-address Reply-To when replyToToken is on', () => {
    expect(buildOutboundEmail(message(), { ...settings, replyToToken: true }).replyTo).toBe('12345+cv_mabc123def4567890@city.gov.cn')
  })

  it('writes From without a display name as an empty name', () => {
    expect(buildOutboundEmail(message(), { ...settings, from: { address: 'hotline@City.Gov.CN' } })).toMatchObject({
      from: { address: 'hotline@City.Gov.CN', name: '' },
      messageId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
    })
  })

  it('does not thread on a `hash:` stand-in id (a mail that had no Message-ID) but keeps its subject', () => {
    const email = buildOutboundEmail(
      message({
        replyTo: { externalId: 'hash:319e01a67d9456e1089dd2fd45d235055ce5932f', references: ['<root@example.cn>', 'hash:abc'], subject: 'Online form' },
      }),
      settings,
    )
    expect(email).not.toHaveProperty('inReplyTo')
    expect(email.references).toEqual(['<root@example.cn>'])
    expect(email.subject).toBe('Re: Online form [#cv_mabc123def4567890]')
  })

  it('echoes the citizen’s ids verbatim (case kept)', () => {
    const email = buildOutboundEmail(message({ replyTo: { externalId: '<CAF=Abc@Mail.Gmail.COM>', references: ['<Root@Example.CN>'] } }), settings)
    expect(email.inReplyTo).toBe('<CAF=Abc@Mail.Gmail.COM>')
    expect(email.references).toEqual(['<Root@Example.CN>', '<CAF=Abc@Mail.Gmail.COM>'])
  })

  it(`caps References at ${MAX_REPLY_REFERENCES}, keeping the root and the parent`, () => {
    const references = Array.from({ length: 40 }, (_, index) => `<r${index}@example.cn>`)
    const email = buildOutboundEmail(message({ replyTo: { externalId: '<parent@example.cn>', references } }), settings)
    expect(email.references).toHaveLength(MAX_REPLY_REFERENCES)
    expect(email.references?.[0]).toBe('<r0@example.cn>')
    expect(email.references?.at(-1)).toBe('<parent@example.cn>')
  })

  it('sends an empty text when there is none (attachments only)', () => {
    const { text: _text, ...withoutText } = message()
    const email = buildOutboundEmail(withoutText, settings)
    expect(email.text).toBe('')
    expect(email.html).toBe('<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n\n</body></html>')
  })
})

describe('textToHtml', () => {
  it('escapes, makes paragraphs of blank-line separated blocks and keeps line breaks', () => {
    expect(textToHtml('Dear <Zhang> & "family",\r\nit\'s done.\r\n\r\n\r\n  Regards  \n12345')).toBe(
      '<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n' +
        '<p>Dear &lt;Zhang&gt; &amp; &quot;family&quot;,<br>\nit&#39;s done.</p>\n<p>Regards  <br>\n12345</p>' +
        '\n</body></html>',
    )
  })

  it('never lets text become markup', () => {
    expect(textToHtml('<script>alert(1)</script>')).not.toContain('<script>')
  })
})
