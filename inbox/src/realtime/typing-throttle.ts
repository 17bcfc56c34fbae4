/**
 * Decides when to send typing frames while the agent types. One `on` per interval
 * keeps the citizen's indicator alive without a frame per keystroke; `off` is sent
 * once, when the agent sends, pauses or leaves the conversation.
 */
export const TYPING_INTERVAL_MS = 3_000
export const TYPING_IDLE_MS = 5_000

export class TypingThrottle {
  private lastOnAt: number | null = null

  constructor(private readonly intervalMs = TYPING_INTERVAL_MS) {}

  /** Call on every keystroke; true when an `on` frame should go out now. */
  keystroke(nowMs: number): boolean {
    if (this.lastOnAt !== null && nowMs - this.lastOnAt < this.intervalMs) return false
    this.lastOnAt = nowMs
    return true
  }

  /** Call when typing stops; true when an `off` frame is owed (an `on` was sent). */
  stop(): boolean {
    if (this.lastOnAt === null) return false
    this.lastOnAt = null
    return true
  }
}
