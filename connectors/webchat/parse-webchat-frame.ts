/**
 * Widget frames → normalized inbound events. Pure: the caller has already
 * verified the visitor token and passes the visitor id it proved.
 */
import type { InboundEvent } from '../spec.js'

export interface WebchatMessageFrame {
  type: 'message'
  clientId: string
  text: string
}

export interface WebchatReceiptFrame {
  type: 'receipt'
  status: 'delivered' | 'read'
  messageIds: string[]
}

export type WebchatInboundFrame = WebchatMessageFrame | WebchatReceiptFrame

/** Short, readable handle agents can use on the phone ("visitor K3F9"). */
export function visitorHandle(visitorId: string): string {
  return visitorId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase()
}

export function parseWebchatFrame(frame: WebchatInboundFrame, visitor: { visitorId: string; language?: string }): InboundEvent[] {
  switch (frame.type) {
    case 'message':
      return [
        {
          kind: 'message',
          // Scoped by visitor so one visitor's client ids can never collide with another's.
          externalId: `${visitor.visitorId}:${frame.clientId}`,
          sender: {
            externalId: visitor.visitorId,
            displayName: `Visitor ${visitorHandle(visitor.visitorId)}`,
            ...(visitor.language ? { language: visitor.language } : {}),
          },
          type: 'text',
          text: frame.text.trim(),
        },
      ]
    case 'receipt':
      return frame.messageIds.map((messageId) => ({ kind: 'status', externalId: messageId, status: frame.status, reportedBy: visitor.visitorId }))
    default:
      return []
  }
}
