/**
 * The client-side copy of one conversation's transcript, keyed by `seq`.
 *
 * Why it exists: messages can arrive twice (live push + replay after a reconnect)
 * or out of order (two writers publish close together). The timeline dedupes by
 * seq, keeps optimistic copies of messages the user is still sending (by clientId),
 * and tracks the highest seq held without a gap: the only safe resume point.
 *
 * Citizens never receive private notes, so their seqs have holes by design.
 * In 'public' mode contiguity follows each message's `prevVisibleSeq` (the seq
 * of the previous message a citizen can see) instead of `seq - 1`.
 */
import { isStatusAdvance } from '../connectors/delivery-status.js'
import type { MessageDto } from '../server/presenters/dto.js'

export interface PendingMessage {
  clientId: string
  body: string
  createdAt: string
  state: 'sending' | 'sent' | 'failed'
  error?: string
}

export type TimelineEntry = { kind: 'message'; message: MessageDto } | { kind: 'pending'; pending: PendingMessage }

export class MessageTimeline {
  readonly conversationId: string | null
  private readonly bySeq = new Map<number, MessageDto>()
  private readonly pending = new Map<string, PendingMessage>()
  private contiguous: number

  private readonly mode: 'all' | 'public'

  constructor(conversationId: string | null, startAfterSeq = 0, mode: 'all' | 'public' = 'all') {
    this.conversationId = conversationId
    this.contiguous = startAfterSeq
    this.mode = mode
  }

  /** Highest seq such that every message up to it is held: resume from here. */
  get resumeSeq(): number {
    return this.contiguous
  }

  /** True when a message above the resume point is held, i.e. something in between is missing. */
  get hasGap(): boolean {
    for (const seq of this.bySeq.keys()) if (seq > this.contiguous) return true
    return false
  }

  /**
   * Adds or replaces a stored message. Returns false when nothing changed: a duplicate, or an
   * older copy (a late REST page or receipt) whose status would move the message backwards.
   */
  upsert(message: MessageDto): boolean {
    const existing = this.bySeq.get(message.seq)
    if (existing && existing.body === message.body && !isStatusAdvance(existing.status, message.status)) return false
    this.bySeq.set(message.seq, message)
    if (message.clientId) this.pending.delete(message.clientId)
    this.advance()
    return true
  }

  private advance(): void {
    const bySeq = [...this.bySeq.values()].filter((held) => held.seq > this.contiguous).sort((a, b) => a.seq - b.seq)
    for (const held of bySeq) {
      const previous = this.mode === 'public' ? (held.prevVisibleSeq ?? held.seq - 1) : held.seq - 1
      if (previous !== this.contiguous) return
      this.contiguous = held.seq
    }
  }

  addPending(pending: PendingMessage): void {
    this.pending.set(pending.clientId, pending)
  }

  updatePending(clientId: string, change: Partial<PendingMessage>): void {
    const current = this.pending.get(clientId)
    if (current) this.pending.set(clientId, { ...current, ...change })
  }

  /** Messages not yet confirmed by the server, oldest first (to resend after a reconnect). */
  unconfirmed(): PendingMessage[] {
    return [...this.pending.values()].filter((pending) => pending.state !== 'failed')
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq)
  }

  get size(): number {
    return this.bySeq.size
  }

  /** Stored messages by seq, then pending ones in the order they were written. */
  entries(): TimelineEntry[] {
    const stored = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq)
    const entries: TimelineEntry[] = stored.map((message) => ({ kind: 'message', message }))
    for (const pending of this.pending.values()) entries.push({ kind: 'pending', pending })
    return entries
  }
}
