import { inspect } from 'node:util'

/**
 * Polls until a read satisfies `accept`, and returns that value. Throws when the time is up,
 * showing the last value read: a wait that silently gave up would let the lines after it assert
 * on a state the test never reached.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (accept(value)) return value
    if (Date.now() > deadline) {
      throw new Error(`eventually: not satisfied within ${timeoutMs} ms; last value read: ${inspect(value, { depth: 4, breakLength: 160 })}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
