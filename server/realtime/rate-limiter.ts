/** A sliding-window counter for one socket: at most `limit` actions per `windowMs`. */
export class RateLimiter {
  private readonly times: number[] = []

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(): boolean {
    const now = this.now()
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - this.windowMs) this.times.shift()
    if (this.times.length >= this.limit) return false
    this.times.push(now)
    return true
  }
}
