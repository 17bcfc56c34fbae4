/** The voice webhook parameters the IVR reads (channels.md C4), typed. */
import { integerParam, param, type TwilioParams } from '../twilio/twilio-form.js'

export interface CallParams {
  callSid?: string
  from?: string
  to?: string
  callerName?: string
  direction?: string
  callStatus?: string
  /** Keys pressed in a Gather (without the finishOnKey). */
  digits?: string
  speechResult?: string
  /** Enqueue action: bridged, queue-full, redirected, hangup, error, system-error, leave. */
  queueResult?: string
  /** Seconds in the queue so far (waitUrl) or in all (Enqueue action). */
  queueTime?: number
  queuePosition?: number
  /** Average wait of the queue, in seconds. */
  avgQueueTime?: number
  /** `<Dial><Queue url>` request: the agent leg taking the call (Twilio spells it DequeingCallSid). */
  dequeuingCallSid?: string
}

export function readCallParams(params: TwilioParams): CallParams {
  const text = (name: string) => param(params, name)
  const entries: Array<[keyof CallParams, string | number | undefined]> = [
    ['callSid', text('CallSid')],
    ['from', text('From')],
    ['to', text('To')],
    ['callerName', text('CallerName')],
    ['direction', text('Direction')],
    ['callStatus', text('CallStatus')],
    ['digits', text('Digits')],
    ['speechResult', text('SpeechResult')],
    ['queueResult', text('QueueResult')],
    ['queueTime', integerParam(params, 'QueueTime')],
    ['queuePosition', integerParam(params, 'QueuePosition')],
    ['avgQueueTime', integerParam(params, 'AvgQueueTime')],
    ['dequeuingCallSid', text('DequeingCallSid') ?? text('DequeuingCallSid')],
  ]
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as CallParams
}
