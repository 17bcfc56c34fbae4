import { describe, expect, it } from 'vitest'
import type { CallParams } from './call-params.js'
import type { IvrEvent } from './ivr-plan.js'
import type { CallState } from './ivr-state.js'
import { mapIvrEvents } from './map-ivr-events.js'

const state: CallState = { step: 'menu', lang: 'zh-CN', menu: 'main', path: '2', tries: 0, n: 4 }
const params: CallParams = { callSid: 'CA9', from: '+8613800000000', to: '+8657112345000', callerName: 'WANG' }
const map = (event: IvrEvent, extra: Partial<CallParams> = {}, at: Partial<CallState> = {}) =>
  mapIvrEvents([event], { params: { ...params, ...extra }, state: { ...state, ...at } })

describe('mapIvrEvents', () => {
  it('maps a call start to an event message from the caller, keyed once per call', () => {
    expect(map({ name: 'call.started' }, {}, { step: 'incoming', n: 0 })).toEqual([
      {
        kind: 'message',
        externalId: 'CA9:started',
        sender: { externalId: '+8613800000000', phone: '+8613800000000', displayName: 'WANG', language: 'zh-CN' },
        type: 'event',
        text: '[call] incoming call',
        metadata: { event: 'call.started', callSid: 'CA9', language: 'zh-CN', to: '+8657112345000' },
      },
    ])
  })

  it.each<[string, IvrEvent, string, Record<string, string>]>([
    [
      'after hours',
      { name: 'call.closed', reason: 'closed', action: 'voicemail' },
      '[call] after hours → voicemail',
      { reason: 'closed', action: 'voicemail' },
    ],
    [
      'a holiday',
      { name: 'call.closed', reason: 'holiday', holiday: '国庆节', action: 'voicemail' },
      '[call] holiday (国庆节) → voicemail',
      { reason: 'holiday', holiday: '国庆节', action: 'voicemail' },
    ],
    [
      'a queue',
      { name: 'call.queued', queue: 'complaints', path: '21', fallback: false },
      '[call] menu 2›1 → queue complaints',
      { queue: 'complaints', path: '21' },
    ],
    [
      'a fallback queue',
      { name: 'call.queued', queue: 'general', path: '', fallback: true },
      '[call] no valid choice → queue general',
      { queue: 'general', fallback: 'true' },
    ],
    ['a voicemail', { name: 'call.voicemail', reason: 'menu', path: '5' }, '[call] menu 5 → voicemail', { reason: 'menu', path: '5' }],
    ['an overflow voicemail', { name: 'call.voicemail', reason: 'overflow', path: '1' }, '[call] no agent free → voicemail', { reason: 'overflow', path: '1' }],
    [
      'a case lookup',
      { name: 'call.case_lookup', caseNumber: '2025000123', path: '3' },
      '[call] case lookup 2025000123',
      { caseNumber: '2025000123', path: '3' },
    ],
    ['a menu hang-up', { name: 'call.ivr_hangup', path: '0', fallback: false }, '[call] menu 0 → ended by the menu', { path: '0' }],
  ])('describes %s', (_label, event, text, metadata) => {
    const [message] = map(event)
    expect(message).toMatchObject({ type: 'event', text, externalId: `CA9:4:${event.name.slice(5)}` })
    expect(message?.kind === 'message' && message.metadata).toEqual({ event: event.name, callSid: 'CA9', language: 'zh-CN', ...metadata })
  })

  it('flags a caller who hung up in the queue for a call back (漏接回拨)', () => {
    const [message] = map({ name: 'call.queue_left', queue: 'general', result: 'hangup', queueTime: 95, abandoned: true })
    expect(message).toMatchObject({
      externalId: 'CA9:queue_left',
      text: '[call] hung up after 95 s in queue general: call back',
      metadata: { event: 'call.queue_left', queue: 'general', result: 'hangup', queueTime: '95', abandoned: 'true', callBack: 'true' },
    })
  })

  it('describes leaving the queue for voicemail without a call-back flag', () => {
    const [message] = map({ name: 'call.queue_left', queue: 'general', result: 'leave', queueTime: 300, abandoned: false })
    expect(message).toMatchObject({ text: '[call] left queue general (leave) after 300 s' })
    expect(message?.kind === 'message' && message.metadata).not.toHaveProperty('callBack')
  })

  it('records who answered, keyed by the agent’s call leg', () => {
    const [message] = map({ name: 'call.answered', queue: 'general', agent: 'agent-wang', queueTime: 42 }, { dequeuingCallSid: 'CA77' })
    expect(message).toMatchObject({
      externalId: 'CA9:answered:CA77',
      text: '[call] answered by agent-wang after 42 s',
      metadata: { event: 'call.answered', queue: 'general', agent: 'agent-wang', queueTime: '42', agentCallSid: 'CA77' },
    })
  })

  it('gives a withheld number a per-call identity instead of merging all anonymous callers', () => {
    const [message] = map({ name: 'call.started' }, { from: '+266696687', callerName: undefined })
    expect(message?.kind === 'message' && message.sender).toEqual({ externalId: 'anonymous:CA9', language: 'zh-CN' })
  })

  it('yields nothing without a CallSid', () => {
    expect(mapIvrEvents([{ name: 'call.started' }], { params: { from: '+8613800000000' }, state })).toEqual([])
  })
})
