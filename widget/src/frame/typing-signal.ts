/**
 * Turns keystrokes into few `typing` frames: `on` at most once per `repeatMs` while the
 * visitor keeps typing (so the agent's indicator does not expire), `off` after
 * `idleMs` without input, or at once when the message is sent or the box is cleared.
 */
export class TypingSignal {
  private lastOnAt = Number.NEGATIVE_INFINITY
  private idleTimer: ReturnType<typeof setTimeout> | null = null
  private active = false

  constructor(
    private readonly send: (on: boolean) => void,
    private readonly repeatMs = 3_000,
    private readonly idleMs = 4_000,
  ) {}

  /** Call on every input event that leaves text in the box. */
  input(): void {
    const now = Date.now()
    if (now - this.lastOnAt >= this.repeatMs) {
      this.lastOnAt = now
      this.active = true
      this.send(true)
    }
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs)
  }

  /** Call on send, on clearing the box, and when the panel closes. Sends `off` only if `on` was sent. */
  stop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    this.lastOnAt = Number.NEGATIVE_INFINITY
    if (!this.active) return
    this.active = false
    this.send(false)
  }
}
