/**
 * The TwiML an agent's browser softphone runs to take the longest-waiting caller of a queue:
 * `<Dial><Queue url>` (channels.md C5). The Queue url is played to the caller just before the
 * bridge; it is the IVR's `bridge` step, which records who answered.
 */
import twilio from 'twilio'
import type { CallState } from './ivr-state.js'

export function agentDequeueTwiml(options: { twilioQueue: string; bridgeUrl: (state: CallState) => string; bridgeState: CallState }): string {
  const response = new twilio.twiml.VoiceResponse()
  const dial = response.dial()
  dial.queue({ url: options.bridgeUrl(options.bridgeState), method: 'POST' }, options.twilioQueue)
  return response.toString()
}
