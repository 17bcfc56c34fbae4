/**
 * Keyboard movement in the conversation list (arrow keys and vi-style j/k).
 * Returns the index to focus, or null when the key is not a list key.
 */
export function nextListIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null
  const from = Math.min(Math.max(current, 0), count - 1)
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return Math.min(from + 1, count - 1)
    case 'ArrowUp':
    case 'k':
      return Math.max(from - 1, 0)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
