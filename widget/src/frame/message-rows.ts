/**
 * What the transcript shows, derived from the timeline. Kept pure so the state
 * machine of the visitor's own messages (sending → sent → delivered → read, or
 * failed) is testable without a DOM.
 */
import type { Attachment, Location, MessageType } from '../../../connectors/spec.js'
import type { MessageDto } from '../../../server/presenters/dto.js'
import type { TimelineEntry } from '../../../ui-kit/message-timeline.js'

export type OwnState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed'

export interface MessageRow {
  /**
   * The visitor's own messages keep their clientId as key from optimistic copy to
   * stored message, so the DOM node is reused and a screen reader does not hear it twice.
   */
  key: string
  own: boolean
  sender: MessageDto['sender']
  type: MessageType
  body: string
  attachments: Attachment[]
  location?: Location
  createdAt: string
  /** Only for the visitor's own messages. */
  state: OwnState | null
  clientId?: string
}

export function toRows(entries: readonly TimelineEntry[]): MessageRow[] {
  const rows: MessageRow[] = []
  for (const entry of entries) {
    if (entry.kind === 'pending') {
      const { pending } = entry
      rows.push({
        key: pending.clientId,
        own: true,
        sender: { type: 'contact' },
        type: 'text',
        body: pending.body,
        attachments: [],
        createdAt: pending.createdAt,
        state: pending.state,
        clientId: pending.clientId,
      })
      continue
    }
    const { message } = entry
    // Internal notes are for staff only; the server should never send them, and we never show them.
    if (message.private) continue
    const own = message.direction === 'inbound'
    rows.push({
      key: own && message.clientId ? message.clientId : message.id,
      own,
      sender: message.sender,
      type: message.type,
      body: message.body,
      attachments: message.attachments,
      location: message.location,
      createdAt: message.createdAt,
      state: own ? (message.status === 'read' ? 'read' : 'delivered') : null,
      clientId: message.clientId,
    })
  }
  return rows
}
