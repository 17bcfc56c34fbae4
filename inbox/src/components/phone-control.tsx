/**
 * The softphone in the app header: a toggle that turns it on (token, SDK download, registration)
 * and off, its state in a polite live region, and during a call a timer, mute and hang up. The
 * call controls live here, not in the conversation, so they stay put while the agent browses.
 */
import { useEffect, useRef } from 'preact/hooks'
import { useNow } from '../hooks/use-now.js'
import { useSoftphone } from '../hooks/use-softphone.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Softphone, SoftphoneStatus } from '../phone/softphone.js'
import { formatCallDuration, softphoneStatusText } from '../phone/softphone-text.js'

export const HANG_UP_ID = 'phone-hang-up'

function CallTimer({ startedAt }: { startedAt: number }) {
  const { t } = useI18n()
  const now = useNow(1000)
  // role=timer is not announced as it ticks (its implicit aria-live is off).
  return (
    <span class="call-timer" role="timer" aria-label={t('phone.callTime')} data-testid="phone-timer">
      {formatCallDuration((Math.max(now, startedAt) - startedAt) / 1000)}
    </span>
  )
}

const onCall = (status: SoftphoneStatus) => status === 'dialing' || status === 'in-call'

export function PhoneControl({ softphone }: { softphone: Softphone }) {
  const { t } = useI18n()
  const state = useSoftphone(softphone)
  const on = state.status !== 'offline' && state.status !== 'error'
  const calling = onCall(state.status)
  const toggle = useRef<HTMLButtonElement>(null)
  const hangUp = useRef<HTMLButtonElement>(null)
  const previous = useRef<SoftphoneStatus>(state.status)

  // Keep keyboard focus somewhere useful when the controls under it change.
  useEffect(() => {
    const before = previous.current
    previous.current = state.status
    const active = document.activeElement
    const focusLost = active === null || active === document.body
    if (state.status === 'dialing' && before === 'ready' && (focusLost || active?.closest('[data-phone-take]'))) hangUp.current?.focus()
    else if (onCall(before) && !calling && focusLost) toggle.current?.focus()
  }, [state.status, calling])

  return (
    <div class={`phone-control phone-${state.status}`} role="group" aria-label={t('phone.controls')} data-testid="phone-control">
      <button
        ref={toggle}
        type="button"
        class="button"
        aria-pressed={on}
        aria-busy={state.status === 'connecting'}
        disabled={calling}
        data-testid="phone-toggle"
        onClick={() => (on ? softphone.stop() : void softphone.start())}
      >
        {t('phone.label')}
      </button>
      <span class="phone-status" role="status" data-testid="phone-status">
        {softphoneStatusText(state, t)}
      </span>
      {state.status === 'in-call' && <CallTimer startedAt={state.startedAt} />}
      {state.status === 'in-call' && (
        <button type="button" class="button" data-testid="phone-mute" onClick={() => softphone.toggleMute()}>
          {state.muted ? t('phone.unmute') : t('phone.mute')}
        </button>
      )}
      {calling && (
        <button ref={hangUp} id={HANG_UP_ID} type="button" class="button danger" data-testid="phone-hang-up" onClick={() => softphone.hangUp()}>
          {t('phone.hangUp')}
        </button>
      )}
    </div>
  )
}
