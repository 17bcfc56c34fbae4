import { describe, expect, it } from 'vitest'
import { mapWechatInbound } from './map-inbound.js'
import { mapTemplateSendStatus } from './map-template-status.js'
import { parseWechatXml } from './parse-wechat-xml.js'

const options = { menuIntents: { MENU_PROGRESS: 'check_work_order', MENU_AGENT: 'talk_to_agent', 'https://hotline.example/guide': 'read_guide' } }
const head = (type: string, from = 'oCitizen123') =>
  `<ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`
const map = (body: string) => mapWechatInbound(parseWechatXml(`<xml>${body}</xml>`, { maxBytes: 65536 }), options)
const event = (name: string, extra = '') => map(`${head('event')}<Event><![CDATA[${name}]]></Event>${extra}`)
const sentAt = new Date(1348831860 * 1000)

describe('mapWechatInbound: messages', () => {
  it('text: MsgId is the dedupe key, as a string beyond 2^53', () => {
    expect(map(`${head('text')}<Content><![CDATA[我的工单怎么样了？]]></Content><MsgId>9223372036854775807</MsgId>`)).toEqual([
      {
        kind: 'message',
        externalId: '9223372036854775807',
        sender: { externalId: 'oCitizen123' },
        sentAt,
        type: 'text',
        text: '我的工单怎么样了？',
        metadata: { msgType: 'text', toUserName: 'gh_7f083739789a' },
      },
    ])
  })

  it('text from an article keeps MsgDataId and Idx', () => {
    const [message] = map(`${head('text')}<Content><![CDATA[hi]]></Content><MsgId>1</MsgId><MsgDataId>2247483652</MsgDataId><Idx>1</Idx>`)
    expect(message).toMatchObject({ metadata: { msgDataId: '2247483652', idx: '1' } })
  })

  it('image: references the MediaId, never the PicUrl hotlink', () => {
    const events = map(
      `${head('image')}<PicUrl><![CDATA[http://mmbiz.qpic.cn/abc]]></PicUrl><MediaId><![CDATA[media_img_1]]></MediaId><MsgId>1234567890123456</MsgId>`,
    )
    expect(events).toEqual([
      {
        kind: 'message',
        externalId: '1234567890123456',
        sender: { externalId: 'oCitizen123' },
        sentAt,
        type: 'image',
        attachments: [{ url: 'wechat-media:media_img_1', mimeType: 'image/*' }],
        metadata: { msgType: 'image', toUserName: 'gh_7f083739789a', mediaId: 'media_img_1' },
      },
    ])
    expect(JSON.stringify(events)).not.toContain('mmbiz.qpic.cn')
  })

  it('voice: keeps the speech recognition text and the format', () => {
    // Recognition after MsgId: element order varies.
    const [message] = map(
      `${head('voice')}<MediaId><![CDATA[media_voice]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>42</MsgId><Recognition><![CDATA[腾讯微信团队]]></Recognition><MediaId16K><![CDATA[m16k]]></MediaId16K>`,
    )
    expect(message).toEqual({
      kind: 'message',
      externalId: '42',
      sender: { externalId: 'oCitizen123' },
      sentAt,
      type: 'audio',
      text: '腾讯微信团队',
      attachments: [{ url: 'wechat-media:media_voice', mimeType: 'audio/amr' }],
      metadata: { msgType: 'voice', toUserName: 'gh_7f083739789a', mediaId: 'media_voice', format: 'amr', mediaId16K: 'm16k', recognition: '腾讯微信团队' },
    })
  })

  it('voice without recognition has no text', () => {
    const [message] = map(
      `${head('voice')}<MediaId><![CDATA[v]]></MediaId><Format><![CDATA[speex]]></Format><Recognition><![CDATA[]]></Recognition><MsgId>43</MsgId>`,
    )
    expect(message).toMatchObject({ type: 'audio', attachments: [{ mimeType: 'audio/speex' }] })
    expect(message).not.toHaveProperty('text')
  })

  it('video and shortvideo both become video with the thumbnail id kept', () => {
    for (const type of ['video', 'shortvideo']) {
      const [message] = map(`${head(type)}<MediaId><![CDATA[vid]]></MediaId><ThumbMediaId><![CDATA[thumb]]></ThumbMediaId><MsgId>7</MsgId>`)
      expect(message).toMatchObject({
        type: 'video',
        attachments: [{ url: 'wechat-media:vid', mimeType: 'video/*' }],
        metadata: { msgType: type, mediaId: 'vid', thumbMediaId: 'thumb' },
      })
    }
  })

  it('location: Location_X is the latitude, Location_Y the longitude', () => {
    const [message] = map(
      `${head('location')}<Location_X>39.915119</Location_X><Location_Y>116.403963</Location_Y><Scale>16</Scale><Label><![CDATA[北京市东城区]]></Label><MsgId>8</MsgId>`,
    )
    expect(message).toMatchObject({
      type: 'location',
      location: { latitude: 39.915119, longitude: 116.403963, label: '北京市东城区' },
      metadata: { scale: '16' },
    })
  })

  it('location with impossible coordinates is dropped', () => {
    expect(map(`${head('location')}<Location_X>139.9</Location_X><Location_Y>116.4</Location_Y><MsgId>9</MsgId>`)).toEqual([])
    expect(map(`${head('location')}<Location_X>abc</Location_X><Location_Y>116.4</Location_Y><MsgId>9</MsgId>`)).toEqual([])
  })

  it('link: becomes text with title, description and url', () => {
    const [message] = map(
      `${head('link')}<Title><![CDATA[停水通知]]></Title><Description><![CDATA[明日停水]]></Description><Url><![CDATA[https://example.gov.cn/n/1]]></Url><MsgId>10</MsgId>`,
    )
    expect(message).toMatchObject({
      type: 'text',
      text: '停水通知\n明日停水\nhttps://example.gov.cn/n/1',
      metadata: { msgType: 'link', title: '停水通知', description: '明日停水', url: 'https://example.gov.cn/n/1' },
    })
  })

  it('drops unknown message types, messages without MsgId and pushes without sender', () => {
    expect(map(`${head('miniprogrampage')}<MsgId>11</MsgId>`)).toEqual([])
    expect(map(`${head('text')}<Content>x</Content>`)).toEqual([])
    expect(map('<MsgType>text</MsgType><Content>x</Content><MsgId>12</MsgId>')).toEqual([])
  })

  it('leaves sentAt out when CreateTime is garbled', () => {
    const [message] = map('<FromUserName>o1</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>13</MsgId>')
    expect(message).not.toHaveProperty('sentAt')
  })
})

describe('mapWechatInbound: events', () => {
  it('subscribe through a parameter QR code keeps the qrscene_ key and the scene', () => {
    expect(event('subscribe', '<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>')).toEqual([
      {
        kind: 'signal',
        signal: 'subscribed',
        sender: { externalId: 'oCitizen123' },
        externalId: 'oCitizen123:1348831860:subscribe:qrscene_123123',
        sentAt,
        metadata: { event: 'subscribe', toUserName: 'gh_7f083739789a', eventKey: 'qrscene_123123', qrScene: '123123', ticket: 'TICKET' },
      },
    ])
  })

  it('plain subscribe and unsubscribe', () => {
    expect(event('subscribe')).toMatchObject([{ signal: 'subscribed', externalId: 'oCitizen123:1348831860:subscribe', metadata: { event: 'subscribe' } }])
    expect(event('subscribe')[0]).not.toHaveProperty('metadata.qrScene')
    expect(event('unsubscribe')).toMatchObject([{ kind: 'signal', signal: 'unsubscribed', externalId: 'oCitizen123:1348831860:unsubscribe' }])
  })

  it('SCAN by a follower: the EventKey is the bare scene', () => {
    expect(event('SCAN', '<EventKey><![CDATA[window_3]]></EventKey><Ticket><![CDATA[T]]></Ticket>')).toMatchObject([
      { signal: 'scanned', externalId: 'oCitizen123:1348831860:SCAN:window_3', metadata: { qrScene: 'window_3', ticket: 'T', event: 'SCAN' } },
    ])
  })

  it('CLICK maps the menu key to the configured intent', () => {
    expect(event('CLICK', '<EventKey><![CDATA[MENU_PROGRESS]]></EventKey>')).toEqual([
      {
        kind: 'signal',
        signal: 'intent',
        intent: 'check_work_order',
        sender: { externalId: 'oCitizen123' },
        externalId: 'oCitizen123:1348831860:CLICK:MENU_PROGRESS',
        sentAt,
        metadata: { event: 'CLICK', toUserName: 'gh_7f083739789a', eventKey: 'MENU_PROGRESS' },
      },
    ])
    expect(event('CLICK', '<EventKey>MENU_AGENT</EventKey>')).toMatchObject([{ intent: 'talk_to_agent' }])
  })

  it('an unmapped CLICK is still an interaction, without an intent', () => {
    const [signal] = event('CLICK', '<EventKey>MENU_UNKNOWN</EventKey>')
    expect(signal).toMatchObject({ signal: 'intent', metadata: { eventKey: 'MENU_UNKNOWN' } })
    expect(signal).not.toHaveProperty('intent')
  })

  it('VIEW maps configured URLs and ignores the rest', () => {
    expect(event('VIEW', '<EventKey><![CDATA[https://hotline.example/guide]]></EventKey><MenuId>7</MenuId>')).toMatchObject([
      { signal: 'intent', intent: 'read_guide', metadata: { menuId: '7', eventKey: 'https://hotline.example/guide' } },
    ])
    expect(event('VIEW', '<EventKey><![CDATA[https://elsewhere.example/]]></EventKey>')).toEqual([])
  })

  it('LOCATION reports a position as a signal, not a message', () => {
    expect(event('LOCATION', '<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>')).toMatchObject([
      { kind: 'signal', signal: 'location', location: { latitude: 23.137466, longitude: 113.352425 }, metadata: { precision: '119.385040' } },
    ])
  })

  it('gives retries of one event the same key and different events different keys', () => {
    const first = event('CLICK', '<EventKey>MENU_AGENT</EventKey>')
    const retry = event('CLICK', '<EventKey>MENU_AGENT</EventKey>')
    const other = event('CLICK', '<EventKey>MENU_PROGRESS</EventKey>')
    const later = map(`${head('event').replace('1348831860', '1348831861')}<Event>CLICK</Event><EventKey>MENU_AGENT</EventKey>`)
    const keyOf = (events: unknown[]) => (events[0] as { externalId: string }).externalId
    expect(keyOf(retry)).toBe(keyOf(first))
    expect(new Set([keyOf(first), keyOf(other), keyOf(later)]).size).toBe(3)
  })

  it('TEMPLATESENDJOBFINISH becomes a status update for the template msgid', () => {
    const finished = (status: string) => event('TEMPLATESENDJOBFINISH', `<MsgID>200163836</MsgID><Status><![CDATA[${status}]]></Status>`)
    expect(finished('success')).toEqual([{ kind: 'status', externalId: '200163836', status: 'delivered', at: sentAt }])
    expect(finished('failed:user block')).toEqual([{ kind: 'status', externalId: '200163836', status: 'failed', reason: 'user_block', at: sentAt }])
    expect(finished('failed: system failed')).toEqual([{ kind: 'status', externalId: '200163836', status: 'failed', reason: 'system_failed', at: sentAt }])
    expect(finished('something new')).toEqual([])
  })

  it('keeps a template msgid beyond 2^53 exact', () => {
    expect(event('TEMPLATESENDJOBFINISH', '<MsgID>18446744073709551615</MsgID><Status>success</Status>')).toMatchObject([
      { externalId: '18446744073709551615' },
    ])
  })

  it('drops unknown events and events without a name', () => {
    expect(event('debug_demo', '<debug_str>hello world</debug_str>')).toEqual([])
    expect(event('subscribe_msg_popup_event')).toEqual([])
    expect(map(head('event'))).toEqual([])
  })
})

describe('mapTemplateSendStatus', () => {
  it('maps every documented status', () => {
    expect(mapTemplateSendStatus('success')).toEqual({ status: 'delivered' })
    expect(mapTemplateSendStatus('failed:user block')).toEqual({ status: 'failed', reason: 'user_block' })
    expect(mapTemplateSendStatus('failed: system failed')).toEqual({ status: 'failed', reason: 'system_failed' })
    expect(mapTemplateSendStatus('failed:freq limit')).toEqual({ status: 'failed', reason: 'freq_limit' })
    expect(mapTemplateSendStatus('failed')).toEqual({ status: 'failed', reason: 'template_send_failed' })
    expect(mapTemplateSendStatus('')).toBeUndefined()
  })
})
