/**
 * The canned responses of the user's queues, loaded once per session (empty if the hub has none or
 * cannot say) and again when the Settings view changed them.
 */
import { api } from '../api/inbox-api.js'
import type { CannedResponse } from '../state/canned-responses.js'
import { useResource } from './use-resource.js'

const NONE: CannedResponse[] = []

export function useCannedResponses(): { responses: CannedResponse[]; reload: () => void } {
  const { state, reload } = useResource(() => api.cannedResponses())
  const responses = state.phase === 'ready' && Array.isArray(state.value?.responses) ? state.value.responses : NONE
  return { responses, reload }
}
