/** Current time that advances every `intervalMs`, so relative times and waiting clocks tick together. */
import { useEffect, useState } from 'preact/hooks'

export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
