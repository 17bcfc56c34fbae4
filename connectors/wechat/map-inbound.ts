/**
 * A parsed WeChat push → normalized inbound events. Pure.
 *
 * Dedupe keys (WeChat retries a push up to 3 times): messages use MsgId (kept a string: 64-bit);
 * events have no id, so their key is FromUserName + CreateTime + Event (+ EventKey).
 * Anything the hub has no use for (unknown MsgType or Event) maps to no events.
 */
import type { Attachment, InboundEvent, InboundMessage, InboundSender, InboundSignal } from '../spec.js'
import { mapTemplateSendStatus } from './map-template-status.js'
import type { WechatXmlFields } from './parse-wechat-xml.js'
import { wechatMediaUrl } from './wechat-media-url.js'

export interface MapInboundOptions {
  /** Menu EventKey (CLICK key or VIEW URL) → intent name. */
  menuIntents: Readonly<Record<string, string>>
}

const QR_SCENE_PREFIX = 'qrscene_'

export function mapWechatInbound(fields: WechatXmlFields, options: MapInboundOptions): InboundEvent[] {
  const openId = nonEmpty(fields.FromUserName)
  const messageType = nonEmpty(fields.MsgType)
  if (!openId || !messageType) return []
  const sender: InboundSender = { externalId: openId }
  const sentAt = createTimeOf(fields)
  if (messageType === 'event') return mapEvent(fields, { sender, sentAt, menuIntents: options.menuIntents })

  const messageId = nonEmpty(fields.MsgId)
  if (!messageId) return []
  const base = {
    kind: 'message' as const,
    externalId: messageId,
    sender,
    ...(sentAt ? { sentAt } : {}),
  }
  const metadata = (extra: Record<string, string | undefined>) => compact({ msgType: messageType, toUserName: fields.ToUserName, ...extra })

  const message = ((): InboundMessage | undefined => {
    switch (messageType) {
      case 'text':
        return { ...base, type: 'text', text: fields.Content ?? '', metadata: metadata({ msgDataId: fields.MsgDataId, idx: fields.Idx }) }
      case 'image':
        return { ...base, type: 'image', ...media(fields.MediaId, 'image/*'), metadata: metadata({ mediaId: fields.MediaId }) }
      case 'voice': {
        // WeChat's speech recognition (being retired; often empty) is the most useful text agents get.
        const recognition = nonEmpty(fields.Recognition)
        return {
          ...base,
          type: 'audio',
          ...(recognition ? { text: recognition } : {}),
          ...media(fields.MediaId, voiceMimeType(fields.Format)),
          metadata: metadata({ mediaId: fields.MediaId, format: fields.Format, mediaId16K: fields.MediaId16K, recognition }),
        }
      }
      case 'video':
      case 'shortvideo':
        return {
          ...base,
          type: 'video',
          ...media(fields.MediaId, 'video/*'),
          metadata: metadata({ mediaId: fields.MediaId, thumbMediaId: fields.ThumbMediaId }),
        }
      case 'location': {
        const latitude = coordinate(fields.Location_X, 90)
        const longitude = coordinate(fields.Location_Y, 180)
        if (latitude === undefined || longitude === undefined) return undefined
        const label = nonEmpty(fields.Label)
        return { ...base, type: 'location', location: { latitude, longitude, ...(label ? { label } : {}) }, metadata: metadata({ scale: fields.Scale }) }
      }
      case 'link':
        return {
          ...base,
          type: 'text',
          text: [fields.Title, fields.Description, fields.Url].filter((part) => nonEmpty(part)).join('\n'),
          metadata: metadata({ title: fields.Title, description: fields.Description, url: fields.Url }),
        }
      default:
        return undefined
    }
  })()
  return message ? [message] : []
}

function mapEvent(
  fields: WechatXmlFields,
  context: { sender: InboundSender; sentAt: Date | undefined; menuIntents: MapInboundOptions['menuIntents'] },
): InboundEvent[] {
  const event = nonEmpty(fields.Event)
  if (!event) return []
  const eventKey = nonEmpty(fields.EventKey)
  const signal = (name: InboundSignal['signal'], extra: Partial<InboundSignal> = {}, metadata: Record<string, string | undefined> = {}): InboundSignal[] => [
    {
      kind: 'signal',
      sender: context.sender,
      signal: name,
      externalId: [context.sender.externalId, fields.CreateTime?.trim() ?? '', event, ...(eventKey ? [eventKey] : [])].join(':'),
      ...(context.sentAt ? { sentAt: context.sentAt } : {}),
      ...extra,
      metadata: compact({ event, toUserName: fields.ToUserName, eventKey, ...metadata }),
    },
  ]

  switch (event.toLowerCase()) {
    case 'subscribe':
      // Following through a parameter QR code: EventKey is `qrscene_<scene>`.
      return signal(
        'subscribed',
        {},
        { qrScene: eventKey?.startsWith(QR_SCENE_PREFIX) ? eventKey.slice(QR_SCENE_PREFIX.length) : undefined, ticket: fields.Ticket },
      )
    case 'unsubscribe':
      return signal('unsubscribed')
    case 'scan':
      // A follower scanning a parameter QR code: EventKey is the bare scene value.
      return signal('scanned', {}, { qrScene: eventKey, ticket: fields.Ticket })
    case 'click': {
      // Unmapped buttons still count: a click opens WeChat's reply window.
      const intent = eventKey ? context.menuIntents[eventKey] : undefined
      return signal('intent', intent ? { intent } : {})
    }
    case 'view': {
      // Opening a menu link is not an interaction the hub cares about unless configured.
      const intent = eventKey ? context.menuIntents[eventKey] : undefined
      return intent ? signal('intent', { intent }, { menuId: fields.MenuId }) : []
    }
    case 'location': {
      const latitude = coordinate(fields.Latitude, 90)
      const longitude = coordinate(fields.Longitude, 180)
      if (latitude === undefined || longitude === undefined) return []
      return signal('location', { location: { latitude, longitude } }, { precision: fields.Precision })
    }
    case 'templatesendjobfinish':
      return mapTemplateFinished(fields)
    default:
      return []
  }
}

function mapTemplateFinished(fields: WechatXmlFields): InboundEvent[] {
  // Capital D in this event only; accept the usual spelling too.
  const templateMessageId = nonEmpty(fields.MsgID) ?? nonEmpty(fields.MsgId)
  const outcome = mapTemplateSendStatus(fields.Status ?? '')
  if (!templateMessageId || !outcome) return []
  const at = createTimeOf(fields)
  return [{ kind: 'status', externalId: templateMessageId, ...outcome, ...(at ? { at } : {}) }]
}

function media(mediaId: string | undefined, mimeType: string): { attachments?: Attachment[] } {
  const id = nonEmpty(mediaId)
  return id ? { attachments: [{ url: wechatMediaUrl(id), mimeType }] } : {}
}

function voiceMimeType(format: string | undefined): string {
  switch (format?.trim().toLowerCase()) {
    case 'amr':
      return 'audio/amr'
    case 'speex':
      return 'audio/speex'
    case 'mp3':
      return 'audio/mpeg'
    default:
      return 'audio/*'
  }
}

/** CreateTime is in seconds; an absent or garbled one gives no date rather than a wrong one. */
function createTimeOf(fields: WechatXmlFields): Date | undefined {
  const value = fields.CreateTime?.trim()
  if (!value || !/^\d{1,12}$/.test(value)) return undefined
  return new Date(Number(value) * 1000)
}

function coordinate(value: string | undefined, limit: number): number | undefined {
  const text = value?.trim()
  if (!text || !/^[-+]?\d+(\.\d+)?$/.test(text)) return undefined
  const number = Number(text)
  return Math.abs(number) <= limit ? number : undefined
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

function compact(entries: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(entries)) {
    const trimmed = value?.trim()
    if (trimmed) result[key] = trimmed
  }
  return result
}
