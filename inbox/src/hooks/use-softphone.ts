/** The softphone's current state, re-rendering on every change. */
import { useEffect, useState } from 'preact/hooks'
import type { Softphone, SoftphoneState } from '../phone/softphone.js'

export function useSoftphone(softphone: Softphone): SoftphoneState {
  const [state, setState] = useState(() => softphone.getState())
  useEffect(() => {
    setState(softphone.getState())
    return softphone.subscribe(() => setState(softphone.getState()))
  }, [softphone])
  return state
}
