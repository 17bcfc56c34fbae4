/** The canned responses of the user's queues, loaded once per session (empty if the hub has none or cannot say). */
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import type { CannedResponse } from '../state/canned-responses.js'

export function useCannedResponses(): CannedResponse[] {
  const [responses, setResponses] = useState<CannedResponse[]>([])
  useEffect(() => {
    let cancelled = false
    api
      .cannedResponses()
      .then((payload) => !cancelled && setResponses(Array.isArray(payload?.responses) ? payload.responses : []))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [])
  return responses
}
