/**
 * Decides which agent messages need a `receipt` frame. Messages the visitor can see
 * (panel open, tab visible) are `read`; ones that only arrived while hidden are
 * `delivered`, and become `read` once the panel is shown. Each id is reported once
 * per status per page load; the status the server already holds is respected so a
 * replay after reconnecting sends nothing new.
 */
import type { MessageDto } from '../../../server/presenters/dto.js'

export interface ReceiptFrame {
  type: 'receipt'
  status: 'delivered' | 'read'
  messageIds: string[]
}

/** The protocol accepts at most 100 ids per receipt frame. */
const MAX_IDS_PER_FRAME = 100

const isForVisitor = (message: MessageDto) => message.direction === 'outbound' && !message.private

export class ReceiptTracker {
  private readonly read = new Set<string>()
  private readonly delivered = new Set<string>()

  plan(messages: readonly MessageDto[], visible: boolean): ReceiptFrame[] {
    const status = visible ? 'read' : 'delivered'
    const ids = messages.filter((message) => isForVisitor(message) && this.needs(message, status)).map((message) => message.id)
    const frames: ReceiptFrame[] = []
    for (let start = 0; start < ids.length; start += MAX_IDS_PER_FRAME) {
      frames.push({ type: 'receipt', status, messageIds: ids.slice(start, start + MAX_IDS_PER_FRAME) })
    }
    return frames
  }

  /** Call after a planned frame was actually sent; unsent ones are planned again next time. */
  confirm(frame: ReceiptFrame): void {
    const seen = frame.status === 'read' ? this.read : this.delivered
    for (const id of frame.messageIds) seen.add(id)
  }

  /** Agent messages the visitor has not seen: the launcher's badge. */
  unreadCount(messages: readonly MessageDto[]): number {
    return messages.filter((message) => isForVisitor(message) && message.status !== 'read' && !this.read.has(message.id)).length
  }

  private needs(message: MessageDto, status: 'delivered' | 'read'): boolean {
    if (message.status === 'read' || this.read.has(message.id)) return false
    if (status === 'read') return true
    return message.status !== 'delivered' && !this.delivered.has(message.id)
  }
}
