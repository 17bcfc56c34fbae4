/**
 * IVR events → messages of type `event` in the caller's conversation (the spec has no call
 * events yet: see the proposal in the report). The text is a short, readable line for the
 * timeline; the facts are in metadata for routing and reports. Dedupe keys come from the CallSid
 * and the step counter, so a retried webhook lands on the same message.
 */
import type { InboundEvent, InboundMessage } from '../spec.js'
import type { CallParams } from './call-params.js'
import { callerSender } from './caller-sender.js'
import type { IvrEvent } from './ivr-plan.js'
import type { CallState } from './ivr-state.js'

export function mapIvrEvents(events: readonly IvrEvent[], context: { params: CallParams; state: CallState }): InboundEvent[] {
  const callSid = context.params.callSid
  if (!callSid) return []
  const sender = callerSender({
    callSid,
    ...(context.params.from ? { from: context.params.from } : {}),
    ...(context.params.callerName ? { callerName: context.params.callerName } : {}),
    language: context.state.lang,
  })
  return events.map((event): InboundMessage => {
    const described = describe(event, context.state.n, context.params)
    return {
      kind: 'message',
      externalId: `${callSid}:${described.key}`,
      sender,
      type: 'event',
      text: described.text,
      metadata: compact({ event: event.name, callSid, language: context.state.lang, ...described.metadata }),
    }
  })
}

function describe(event: IvrEvent, step: number, params: CallParams): { key: string; text: string; metadata: Record<string, string | undefined> } {
  switch (event.name) {
    case 'call.started':
      return { key: 'started', text: '[call] incoming call', metadata: { to: params.to } }
    case 'call.closed':
      return {
        key: `${step}:closed`,
        text: `[call] ${event.reason === 'holiday' ? `holiday${event.holiday ? ` (${event.holiday})` : ''}` : 'after hours'} → ${event.action}`,
        metadata: { reason: event.reason, holiday: event.holiday, action: event.action },
      }
    case 'call.queued':
      return {
        key: `${step}:queued`,
        text: `[call] ${route(event.path, event.fallback)} → queue ${event.queue}`,
        metadata: { queue: event.queue, path: event.path, fallback: flag(event.fallback) },
      }
    case 'call.voicemail':
      return {
        key: `${step}:voicemail`,
        text: `[call] ${event.reason === 'overflow' ? 'no agent free' : route(event.path, event.reason === 'fallback')} → voicemail`,
        metadata: { reason: event.reason, path: event.path },
      }
    case 'call.case_lookup':
      return { key: `${step}:case_lookup`, text: `[call] case lookup ${event.caseNumber}`, metadata: { caseNumber: event.caseNumber, path: event.path } }
    case 'call.ivr_hangup':
      return {
        key: `${step}:ivr_hangup`,
        text: `[call] ${route(event.path, event.fallback)} → ended by the menu`,
        metadata: { path: event.path, fallback: flag(event.fallback) },
      }
    case 'call.queue_left':
      return {
        // Once per call: Twilio posts the Enqueue action once.
        key: 'queue_left',
        text: event.abandoned
          ? `[call] hung up after ${seconds(event.queueTime)} in queue ${event.queue}: call back`
          : `[call] left queue ${event.queue} (${event.result}) after ${seconds(event.queueTime)}`,
        metadata: {
          queue: event.queue,
          result: event.result,
          queueTime: event.queueTime === undefined ? undefined : String(event.queueTime),
          abandoned: flag(event.abandoned),
          // 漏接回拨: the inbox lists these for a call back.
          callBack: flag(event.abandoned),
        },
      }
    case 'call.answered':
      return {
        key: `answered:${params.dequeuingCallSid ?? event.agent ?? step}`,
        text: `[call] answered${event.agent ? ` by ${event.agent}` : ''} after ${seconds(event.queueTime)}`,
        metadata: {
          queue: event.queue,
          agent: event.agent,
          queueTime: event.queueTime === undefined ? undefined : String(event.queueTime),
          agentCallSid: params.dequeuingCallSid,
        },
      }
  }
}

function route(path: string, fallback: boolean): string {
  if (fallback) return path ? `menu ${keys(path)}, no valid choice` : 'no valid choice'
  return path ? `menu ${keys(path)}` : 'menu'
}

function keys(path: string): string {
  return Array.from(path).join('›')
}

function seconds(value: number | undefined): string {
  return value === undefined ? 'an unknown time' : `${value} s`
}

function flag(value: boolean): string | undefined {
  return value ? 'true' : undefined
}

export function compact(entries: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && value !== '') result[key] = value
  return result
}
