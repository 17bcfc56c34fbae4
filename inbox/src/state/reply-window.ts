/**
 * Channels like WeChat only accept free-form replies for a while after the citizen's last
 * message (48 h). The composer warns when that window has closed, and counts down its last hours.
 */
const HOUR_MS = 3_600_000

/** How long before the window closes the countdown appears. */
export const CLOSING_WARNING_MS = 4 * HOUR_MS

export type ReplyWindow =
  /** No window on this channel, or nothing known about it: no warning. */
  { state: 'none' } | { state: 'open'; closesAtMs: number } | { state: 'closing'; closesAtMs: number; remainingMs: number } | { state: 'closed' }

/**
 * `lastInboundAt` null means the citizen never wrote on this conversation, so the window never opened;
 * undefined (a hub that does not send the field) means unknown and warns about nothing.
 */
export function replyWindow(lastInboundAt: string | null | undefined, windowHours: number | null | undefined, nowMs: number): ReplyWindow {
  if (!windowHours || windowHours <= 0 || lastInboundAt === undefined) return { state: 'none' }
  if (lastInboundAt === null) return { state: 'closed' }
  const lastMs = Date.parse(lastInboundAt)
  if (Number.isNaN(lastMs)) return { state: 'none' }
  const closesAtMs = lastMs + windowHours * HOUR_MS
  const remainingMs = closesAtMs - nowMs
  if (remainingMs <= 0) return { state: 'closed' }
  if (remainingMs <= CLOSING_WARNING_MS) return { state: 'closing', closesAtMs, remainingMs }
  return { state: 'open', closesAtMs }
}
