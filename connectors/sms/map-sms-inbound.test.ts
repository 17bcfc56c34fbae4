import { describe, expect, it } from 'vitest'
import { CAPTURED_INBOUND_SMS_BODY } from '../twilio/__fixtures__/captured-payloads.js'
import { parseTwilioForm } from '../twilio/twilio-form.js'
import { mapSmsInbound } from './map-sms-inbound.js'
import { DEFAULT_SMS_KEYWORDS } from './sms-config.js'

const options = { keywords: DEFAULT_SMS_KEYWORDS }
const SID = `SM${'1'.repeat(32)}`
const base = { AccountSid: `AC${'a'.repeat(32)}`, MessageSid: SID, From: '+8613800000000', To: '+14155550100', NumMedia: '0', NumSegments: '1' }

describe('mapSmsInbound: text', () => {
  it('maps the captured webhook to one text message keyed by MessageSid', () => {
    expect(mapSmsInbound(parseTwilioForm(CAPTURED_INBOUND_SMS_BODY), options)).toEqual([
      {
        kind: 'message',
        externalId: 'SM5ab7891328b440f04b7c83b459fc85fd',
        sender: { externalId: '+17067815146', phone: '+17067815146' },
        type: 'text',
        text: '42',
        metadata: { to: '+14152001331', numSegments: '1', numMedia: '0', fromCountry: 'US', fromState: 'GA', fromCity: 'BLAIRSVILLE' },
      },
    ])
  })

  it('keeps Chinese text and trims it', () => {
    const [event] = mapSmsInbound({ ...base, Body: '  人民路的路灯坏了三天了 \n' }, options)
    expect(event).toMatchObject({ kind: 'message', type: 'text', text: '人民路的路灯坏了三天了' })
  })

  it('falls back to the legacy SmsMessageSid, and yields nothing without an id or a sender', () => {
    const { MessageSid: _sid, ...legacy } = base
    expect(mapSmsInbound({ ...legacy, SmsMessageSid: SID, Body: 'x' }, options)[0]).toMatchObject({ externalId: SID })
    expect(mapSmsInbound({ ...legacy, Body: 'x' }, options)).toEqual([])
    expect(mapSmsInbound({ ...base, From: ' ', Body: 'x' }, options)).toEqual([])
  })

  it('uses the WhatsApp profile name and keeps the phone without the whatsapp: prefix', () => {
    const [event] = mapSmsInbound({ ...base, From: 'whatsapp:+8613800000000', ProfileName: '王女士', WaId: '8613800000000', Body: 'hi' }, options)
    expect(event?.kind === 'message' && event.sender).toEqual({ externalId: 'whatsapp:+8613800000000', phone: '+8613800000000', displayName: '王女士' })
  })

  it('gives no phone for a short code or alphanumeric sender', () => {
    const [event] = mapSmsInbound({ ...base, From: '95588', Body: 'x' }, options)
    expect(event?.kind === 'message' && event.sender).toEqual({ externalId: '95588' })
  })
})

describe('mapSmsInbound: MMS', () => {
  const media = {
    ...base,
    NumMedia: '2',
    Body: '照片如下',
    MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/${SID}/Media/ME1`,
    MediaContentType0: 'image/jpeg',
    MediaUrl1: `https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/${SID}/Media/ME2`,
    MediaContentType1: 'video/mp4',
  }

  it('references each media as a twilio-media: attachment for the download job (never a hotlink)', () => {
    const [event] = mapSmsInbound(media, options)
    expect(event).toMatchObject({
      type: 'image',
      text: '照片如下',
      attachments: [
        { url: `twilio-media:${media.MediaUrl0}`, mimeType: 'image/jpeg' },
        { url: `twilio-media:${media.MediaUrl1}`, mimeType: 'video/mp4' },
      ],
    })
  })

  it('types the message by its first media, and leaves the text out when there is none', () => {
    const audio = mapSmsInbound({ ...media, Body: '', NumMedia: '1', MediaContentType0: 'audio/amr' }, options)[0]
    expect(audio).toMatchObject({ type: 'audio' })
    expect(audio).not.toHaveProperty('text')
    expect(mapSmsInbound({ ...media, NumMedia: '1', MediaContentType0: 'text/vcard' }, options)[0]).toMatchObject({ type: 'file' })
  })

  it('skips media without a URL or with a non-https one, and caps the count at 10', () => {
    const [event] = mapSmsInbound({ ...media, NumMedia: '3', MediaUrl1: 'http://insecure.example/x', MediaUrl2: '' }, options)
    expect(event?.kind === 'message' && event.attachments).toHaveLength(1)
    const [many] = mapSmsInbound({ ...media, NumMedia: '500' }, options)
    expect(many?.kind === 'message' && many.attachments).toHaveLength(2)
  })

  it('does not treat a keyword with media as a keyword', () => {
    expect(mapSmsInbound({ ...media, Body: 'STOP' }, options)).toHaveLength(1)
  })
})

describe('mapSmsInbound: keywords', () => {
  it.each([
    ['STOP', 'unsubscribed', 'en'],
    ['退订', 'unsubscribed', 'zh-CN'],
    ['start', 'subscribed', 'en'],
    ['订阅', 'subscribed', 'zh-CN'],
  ])('%s adds a %s signal after the message', (body, signal, language) => {
    const events = mapSmsInbound({ ...base, Body: body }, options)
    expect(events).toHaveLength(2)
    expect(events[0]).toMatchObject({ kind: 'message', text: body })
    expect(events[1]).toEqual({
      kind: 'signal',
      signal,
      sender: { externalId: '+8613800000000', phone: '+8613800000000' },
      externalId: `${SID}:${signal}`,
      metadata: { keyword: expect.any(String), language },
    })
  })

  it('adds no signal for HELP (the reply is the webhook answer)', () => {
    expect(mapSmsInbound({ ...base, Body: 'HELP' }, options)).toHaveLength(1)
    expect(mapSmsInbound({ ...base, Body: '帮助' }, options)).toHaveLength(1)
  })
})
