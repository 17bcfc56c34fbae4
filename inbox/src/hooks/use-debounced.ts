/** A value that follows another after it has stopped changing for `delayMs` (search boxes). */
import { useEffect, useState } from 'preact/hooks'

export function useDebounced<Value>(value: Value, delayMs: number): Value {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}
