import { describe, expect, it } from 'vitest'
import { stripQuotedReply } from './strip-quoted-reply.js'

const lines = (...parts: string[]) => parts.join('\n')

describe('stripQuotedReply: cuts at a reply header', () => {
  it.each([
    ['Gmail / Apple Mail', lines('Thanks, done.', '', 'On Mon, 1 Jun 2026 at 10:00, 12345 Hotline <12345@city.gov.cn> wrote:', '> Please bring your ID.')],
    ['a wrapped On … wrote:', lines('Thanks, done.', '', 'On Mon, Jun 1, 2026 at 4:00 PM 12345 Hotline <12345@city.gov.cn>', 'wrote:', '', '> ok')],
    ['Foxmail (在 … 写道：)', lines('Thanks, done.', '', '在 2026年6月1日 14:30，12345热线 <12345@city.gov.cn> 写道：', '> 您好')],
    ['QQ Mail (… 于 … 写道:)', lines('Thanks, done.', '', '12345热线 于 2026年6月1日 写道:', '您好')],
    ['Outlook -----Original Message-----', lines('Thanks, done.', '', '-----Original Message-----', 'From: 12345', 'hello')],
    [
      'QQ Mail ------------------ 原始邮件 ------------------',
      lines('Thanks, done.', '', '------------------ 原始邮件 ------------------', '发件人: 12345热线'),
    ],
    ['a Traditional Chinese Outlook separator', lines('Thanks, done.', '-- 原始郵件 --', 'x')],
    ['Outlook’s underscore rule', lines('Thanks, done.', '', '________________________________', 'From: 12345 Hotline')],
    [
      'an Outlook header block (From: then Sent:)',
      lines('Thanks, done.', '', 'From: 12345 Hotline <12345@city.gov.cn>', 'Sent: Monday, June 1, 2026 10:00', 'To: me', 'x'),
    ],
    ['a bold Outlook header block (*From:* … *Date:*)', lines('Thanks, done.', '*From:* 12345 Hotline', '*To:* me', '*Date:* Monday', 'x')],
    [
      'a Chinese Outlook header block (发件人 / 发送时间)',
      lines('Thanks, done.', '', '发件人: 12345热线 <12345@city.gov.cn>', '发送时间: 2026年6月1日 10:00', '主题: 回复'),
    ],
    ['a Traditional Chinese header block (寄件者 / 寄件日期)', lines('Thanks, done.', '寄件者： 12345', '收件者： me', '寄件日期： 2026年6月1日')],
  ])('%s', (_label, text) => {
    expect(stripQuotedReply(text)).toEqual({ text: 'Thanks, done.', stripped: true })
  })

  it('keeps everything above the first reply header, including the citizen’s own blank lines', () => {
    const text = lines('Line one.', '', 'Line two.', '', 'On Mon, 1 Jun 2026, Hotline wrote:', '> a', 'On Sun, 31 May 2026, Zhang wrote:', '>> b')
    expect(stripQuotedReply(text)).toEqual({ text: 'Line one.\n\nLine two.', stripped: true })
  })

  it('accepts CRLF line ends', () => {
    expect(stripQuotedReply('Thanks.\r\n\r\nOn Mon, Hotline wrote:\r\n> old\r\n')).toEqual({ text: 'Thanks.', stripped: true })
  })
})

describe('stripQuotedReply: cuts a trailing block of > lines', () => {
  it('with blank lines inside and after it', () => {
    expect(stripQuotedReply(lines('My answer.', '', '> quoted 1', '>', '', '> quoted 2', '', ''))).toEqual({ text: 'My answer.', stripped: true })
  })

  it('only the trailing block: interleaved quotes above the last answer stay', () => {
    const text = lines('> question 1', 'answer 1', '> question 2', 'answer 2')
    expect(stripQuotedReply(text)).toEqual({ text, stripped: false })
  })
})

describe('stripQuotedReply: leaves the text alone', () => {
  it.each([
    ['a mail without history', 'Please call me back about my water bill.'],
    ['a From: line not followed by a date', lines('From: my landlord', 'He says the water stops for three days.', 'Is that allowed?')],
    ['an On … line that is not a reply header', lines('On Monday I went to the office.', 'They were closed.')],
    ['a > line in the middle', lines('I think', '> this is a quote', 'and this is my point.')],
    ['an empty text', ''],
  ])('%s', (_label, text) => {
    expect(stripQuotedReply(text)).toEqual({ text, stripped: false })
  })

  it('never leaves nothing: a mail that is only a header and its quote is kept whole', () => {
    const onlyQuote = lines('On Mon, 1 Jun 2026, Hotline wrote:', '> Please bring your ID.')
    expect(stripQuotedReply(onlyQuote)).toEqual({ text: onlyQuote, stripped: false })
    const onlyAngles = lines('> a', '> b')
    expect(stripQuotedReply(onlyAngles)).toEqual({ text: onlyAngles, stripped: false })
    const blankThenHeader = lines('', '  ', '-----Original Message-----', 'x')
    expect(stripQuotedReply(blankThenHeader)).toEqual({ text: blankThenHeader, stripped: false })
  })

  it('an On … wrote: header longer than the limit is not recognized', () => {
    const text = lines('Thanks.', `On ${'x'.repeat(320)} wrote:`, 'old')
    expect(stripQuotedReply(text)).toEqual({ text, stripped: false })
  })
})
