/** The softphone's state and problems in words, in the current language. */
import type { Translate } from '../i18n/languages.js'
import type { SoftphoneProblem, SoftphoneState } from './softphone.js'

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatCallDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = String(seconds % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`
}

export function softphoneProblemText(problem: SoftphoneProblem, t: Translate): string {
  const code = problem.code ?? '—'
  switch (problem.kind) {
    case 'not-configured':
      return t('phone.error.notConfigured')
    case 'forbidden':
      return t('error.forbidden')
    case 'network':
      return t('error.network')
    case 'server':
      return t('phone.error.server', { code })
    case 'unsupported-browser':
      return t('phone.error.unsupportedBrowser')
    case 'load-failed':
      return t('phone.error.loadFailed')
    case 'microphone-denied':
      return t('phone.error.microphoneDenied')
    case 'microphone-unavailable':
      return t('phone.error.microphoneUnavailable')
    case 'misconfigured':
      return t('phone.error.misconfigured', { code })
    case 'token-expired':
      return t('phone.error.tokenExpired')
    case 'refresh-failed':
      return t('phone.error.refreshFailed')
    case 'connection':
      return t('phone.error.connection', { code })
    case 'call-failed':
      return t('phone.error.callFailed', { code })
    case 'unknown':
      return t('phone.error.unknown', { code })
  }
}

/** The sentence the header's live region reads out: the state, then what the agent should know. */
export function softphoneStatusText(state: SoftphoneState, t: Translate): string {
  const parts: string[] = []
  switch (state.status) {
    case 'offline':
      parts.push(t('phone.state.offline'))
      break
    case 'connecting':
      parts.push(t('phone.state.connecting'))
      break
    case 'ready':
      parts.push(t('phone.state.ready'))
      if (state.lastCallSeconds !== null) parts.push(t('phone.callEnded', { duration: formatCallDuration(state.lastCallSeconds) }))
      if (state.problem) parts.push(softphoneProblemText(state.problem, t))
      break
    case 'dialing':
      parts.push(t('phone.state.dialing'))
      break
    case 'in-call':
      parts.push(t('phone.state.inCall'))
      if (state.muted) parts.push(t('phone.muted'))
      if (state.problem) parts.push(softphoneProblemText(state.problem, t))
      break
    case 'error':
      parts.push(t('phone.state.error', { reason: softphoneProblemText(state.problem, t) }))
      break
  }
  return parts.join(t('phone.separator'))
}
