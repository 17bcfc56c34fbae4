import { describe, expect, it } from 'vitest'
import { hotlineConfig, MAKE_UP_SUNDAY, MONDAY_MORNING, MONDAY_NIGHT, NATIONAL_DAY, SATURDAY_MORNING, WAIT_MUSIC } from './__fixtures__/hotline-ivr.js'
import type { CallParams } from './call-params.js'
import { type Instruction, type IvrPlan, planIvrStep } from './ivr-plan.js'
import { type CallState, MAX_STEPS } from './ivr-state.js'
import type { VoiceConfig } from './voice-config.js'
import { DEFAULT_VOICE_PROMPTS as P } from './voice-defaults.js'

const config = hotlineConfig()
const CALLER = '+8613800000000'

function plan(state: Partial<CallState>, params: CallParams = {}, options: { now?: Date; config?: VoiceConfig } = {}): IvrPlan {
  return planIvrStep({
    config: options.config ?? config,
    state: { step: 'incoming', lang: 'zh-CN', path: '', tries: 0, n: 0, ...state },
    params: { callSid: 'CA1', from: CALLER, ...params },
    now: options.now ?? MONDAY_MORNING,
  })
}

/** The plan's instructions in a compact form: kind, and what is said (outside and inside gathers). */
function outline(result: IvrPlan): string[] {
  return result.instructions.map(summarize)
}

function summarize(instruction: Instruction): string {
  switch (instruction.kind) {
    case 'say':
      return `say ${instruction.pieces.map((piece) => (piece.kind === 'say' ? piece.text : `<${piece.url}>`)).join(' | ')}`
    case 'gather':
      return `gather(${instruction.next.step}${instruction.next.menu ? `:${instruction.next.menu}` : ''}) ${instruction.pieces.map((piece) => (piece.kind === 'say' ? piece.text : piece.url)).join(' | ')}`
    case 'enqueue':
      return `enqueue ${instruction.twilioQueue}`
    case 'record':
      return `record (${instruction.callback.reason})`
    case 'play':
      return `play ${instruction.url}`
    case 'pause':
      return `pause ${instruction.seconds}`
    case 'caseLookup':
      return `lookup ${instruction.caseNumber} then ${instruction.after.map(summarize).join(', ')}`
    default:
      return instruction.kind
  }
}

function gatherOf(result: IvrPlan): Extract<Instruction, { kind: 'gather' }> {
  const gather = result.instructions.find((instruction) => instruction.kind === 'gather')
  if (gather?.kind !== 'gather') throw new Error('no gather in the plan')
  return gather
}

const MAIN_ZH = config.menus.main?.prompt['zh-CN'] as string
const MAIN_EN = config.menus.main?.prompt.en as string
const COMPLAINTS_ZH = config.menus.complaints?.prompt['zh-CN'] as string
const zh = (name: keyof typeof P) => P[name]['zh-CN']
const en = (name: keyof typeof P) => P[name].en

describe('incoming call', () => {
  it('welcomes in both languages, then asks for the language (1 中文, 2 English), each in its own voice', () => {
    const result = plan({ step: 'incoming' })
    expect(result.events).toEqual([{ name: 'call.started' }])
    expect(outline(result)).toEqual([
      'say 您好，欢迎致电12345政务服务便民热线。',
      'say Welcome to the 12345 citizen service hotline.',
      'gather(language) 普通话服务请按1。 | For English, press 2.',
    ])
    const gather = gatherOf(result)
    expect(gather.pieces).toEqual([
      { kind: 'say', text: '普通话服务请按1。', language: 'zh-CN', voice: 'Polly.Zhiyu' },
      { kind: 'say', text: 'For English, press 2.', language: 'en-US', voice: 'Polly.Joanna' },
    ])
    expect(gather).toMatchObject({ input: 'dtmf', numDigits: 1, finishOnKey: '', timeoutSeconds: 5 })
    expect(gather.next).toEqual({ step: 'language', lang: 'zh-CN', path: '', tries: 0, n: 1 })
  })

  it('goes straight to the entry menu in the default language without a language menu', () => {
    const result = plan({ step: 'incoming' }, {}, { config: hotlineConfig({ languageMenu: undefined }) })
    expect(outline(result)).toEqual([`say 您好，欢迎致电12345政务服务便民热线。`, `gather(menu:main) ${MAIN_ZH}`])
    expect(result.events).toEqual([{ name: 'call.started' }])
  })

  it('without a language menu, an after-hours call hears the welcome, the closed notice and records a message', () => {
    const result = plan({ step: 'incoming' }, {}, { config: hotlineConfig({ languageMenu: undefined }), now: SATURDAY_MORNING })
    expect(outline(result)).toEqual(['say 您好，欢迎致电12345政务服务便民热线。', `say ${zh('closed')}`, 'record (closed)', `say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.started' }, { name: 'call.closed', reason: 'closed', action: 'voicemail' }])
  })
})

describe('language selection', () => {
  it('2 → the main menu in English, listening for English speech', () => {
    const result = plan({ step: 'language', n: 1 }, { digits: '2' })
    expect(outline(result)).toEqual([`gather(menu:main) ${MAIN_EN}`])
    const gather = gatherOf(result)
    expect(gather).toMatchObject({ input: 'dtmf speech', speechLanguage: 'en-US', hints: ['question', 'complaint'], timeoutSeconds: 6 })
    expect(gather.next).toEqual({ step: 'menu', lang: 'en', menu: 'main', path: '', tries: 0, n: 2 })
    expect(result.events).toEqual([])
  })

  it('1 → the main menu in Chinese', () => {
    expect(gatherOf(plan({ step: 'language' }, { digits: '1' })).next.lang).toBe('zh-CN')
  })

  it('asks again after a wrong key or silence, then settles on the default language', () => {
    const again = plan({ step: 'language', tries: 0, n: 1 }, { digits: '9' })
    expect(gatherOf(again).next).toMatchObject({ step: 'language', tries: 1, n: 2 })
    const silent = plan({ step: 'language', tries: 0 }, {})
    expect(gatherOf(silent).next).toMatchObject({ step: 'language', tries: 1 })
    const fallback = plan({ step: 'language', tries: 1 }, {})
    expect(outline(fallback)).toEqual([`gather(menu:main) ${MAIN_ZH}`])
  })

  it('after hours: the closed notice in the chosen language, then a voicemail without a second prompt', () => {
    const result = plan({ step: 'language' }, { digits: '2' }, { now: SATURDAY_MORNING })
    expect(outline(result)).toEqual([`say ${en('closed')}`, 'record (closed)', `say ${en('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.closed', reason: 'closed', action: 'voicemail' }])
  })

  it('on a weekday evening it is closed too', () => {
    expect(plan({ step: 'language' }, { digits: '1' }, { now: MONDAY_NIGHT }).events).toEqual([{ name: 'call.closed', reason: 'closed', action: 'voicemail' }])
  })

  it('on a public holiday: the holiday notice with its name in the caller’s language', () => {
    const chinese = plan({ step: 'language' }, { digits: '1' }, { now: NATIONAL_DAY })
    expect(outline(chinese)[0]).toBe('say 您好，国庆节假期期间人工服务暂停。请在提示音后留言，我们会在假期后尽快回复您。')
    expect(chinese.events).toEqual([{ name: 'call.closed', reason: 'holiday', holiday: '国庆节', action: 'voicemail' }])
    const english = plan({ step: 'language' }, { digits: '2' }, { now: NATIONAL_DAY })
    expect(outline(english)[0]).toBe(
      'say Thank you for calling. Our agents are off for the National Day holiday. Please leave a message after the tone and we will call you back after the holiday.',
    )
  })

  it('on a make-up Sunday (调休) the menu is open', () => {
    const result = plan({ step: 'language' }, { digits: '1' }, { now: MAKE_UP_SUNDAY })
    expect(outline(result)).toEqual([`gather(menu:main) ${MAIN_ZH}`])
    expect(result.events).toEqual([])
  })

  it('with closedAction hangup: the notice, goodbye and hang up', () => {
    const result = plan({ step: 'language' }, { digits: '1' }, { now: SATURDAY_MORNING, config: hotlineConfig({ closedAction: 'hangup' }) })
    expect(outline(result)).toEqual([`say ${zh('closed')}`, `say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.closed', reason: 'closed', action: 'hangup' }])
  })
})

describe('menu', () => {
  const atMain = (params: CallParams, state: Partial<CallState> = {}, options = {}) => plan({ step: 'menu', menu: 'main', n: 2, ...state }, params, options)

  it('repeat key (*) replays the menu without counting an attempt', () => {
    const result = atMain({ digits: '*' }, { tries: 1 })
    expect(outline(result)).toEqual([`gather(menu:main) ${MAIN_ZH}`])
    expect(gatherOf(result).next).toMatchObject({ tries: 1, n: 3, path: '' })
  })

  it('2 → the complaints submenu, remembering the path', () => {
    const result = atMain({ digits: '2' })
    expect(outline(result)).toEqual([`gather(menu:complaints) ${COMPLAINTS_ZH}`])
    expect(gatherOf(result).next).toEqual({ step: 'menu', lang: 'zh-CN', menu: 'complaints', path: '2', tries: 0, n: 3 })
    expect(gatherOf(result).input).toBe('dtmf')
  })

  it('0 in a submenu → back to the main menu', () => {
    const result = plan({ step: 'menu', menu: 'complaints', path: '2' }, { digits: '0' })
    expect(gatherOf(result).next).toMatchObject({ menu: 'main', path: '20' })
  })

  it('1 → says it is connecting and enqueues in the general queue, with wait and exit steps', () => {
    const result = atMain({ digits: '1' })
    expect(outline(result)).toEqual([`say ${zh('queueEnter')}`, 'enqueue general'])
    const enqueue = result.instructions[1]
    expect(enqueue).toEqual({
      kind: 'enqueue',
      twilioQueue: 'general',
      wait: { step: 'queue-wait', lang: 'zh-CN', queue: 'general', path: '1', tries: 0, n: 3 },
      exit: { step: 'queue-exit', lang: 'zh-CN', queue: 'general', path: '1', tries: 0, n: 3 },
    })
    expect(result.events).toEqual([{ name: 'call.queued', queue: 'general', path: '1', fallback: false }])
  })

  it('uses the Twilio queue name a call queue configures', () => {
    const result = plan({ step: 'menu', menu: 'complaints', path: '2' }, { digits: '1' })
    expect(outline(result)).toEqual([`say ${zh('queueEnter')}`, 'enqueue hotline-complaints'])
    expect(result.events).toEqual([{ name: 'call.queued', queue: 'complaints', path: '21', fallback: false }])
  })

  it('4 → says the address, then returns to the same menu', () => {
    const result = atMain({ digits: '4' })
    expect(outline(result)).toEqual(['say 办公地址：人民路1号。', `gather(menu:main) ${MAIN_ZH}`])
    expect(gatherOf(result).next).toMatchObject({ path: '4', tries: 0 })
    expect(result.events).toEqual([])
  })

  it('0 → goodbye and hang up', () => {
    const result = atMain({ digits: '0' })
    expect(outline(result)).toEqual([`say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.ivr_hangup', path: '0', fallback: false }])
  })

  it('5 → voicemail: the prompt, a recording that knows the caller, goodbye if nothing was recorded', () => {
    const result = atMain({ digits: '5' })
    expect(outline(result)).toEqual([`say ${zh('voicemail')}`, 'record (menu)', `say ${zh('goodbye')}`, 'hangup'])
    expect(result.instructions[1]).toEqual({
      kind: 'record',
      done: { step: 'voicemail-done', lang: 'zh-CN', path: '5', tries: 0, n: 3 },
      callback: { caller: CALLER, lang: 'zh-CN', reason: 'menu' },
      maxLengthSeconds: 120,
      transcribe: true,
      playBeep: true,
      finishOnKey: '#',
      timeoutSeconds: 5,
    })
    expect(result.events).toEqual([{ name: 'call.voicemail', reason: 'menu', path: '5' }])
  })

  it('8 → switches to English and replays the menu', () => {
    const result = atMain({ digits: '8' })
    expect(outline(result)).toEqual([`gather(menu:main) ${MAIN_EN}`])
    expect(gatherOf(result).next).toMatchObject({ lang: 'en', menu: 'main', path: '8' })
  })

  it('understands speech when the menu listens for it', () => {
    expect(gatherOf(atMain({ speechResult: '我要投诉' })).next).toMatchObject({ menu: 'complaints', path: '2' })
    expect(outline(atMain({ speechResult: 'I have a question' }, { lang: 'en' }))).toEqual([`say ${en('queueEnter')}`, 'enqueue general'])
  })

  it('ignores speech in a DTMF-only menu', () => {
    const result = plan({ step: 'menu', menu: 'complaints' }, { speechResult: '留言' })
    expect(outline(result)[0]).toBe(`say ${zh('invalidInput')}`)
  })

  it('a wrong key: says so and asks again, counting the attempt', () => {
    const result = atMain({ digits: '7' })
    expect(outline(result)).toEqual([`say ${zh('invalidInput')}`, `gather(menu:main) ${MAIN_ZH}`])
    expect(gatherOf(result).next).toMatchObject({ tries: 1, path: '' })
  })

  it('silence (timeout): says nothing was heard and asks again', () => {
    const result = atMain({})
    expect(outline(result)).toEqual([`say ${zh('noInput')}`, `gather(menu:main) ${MAIN_ZH}`])
    expect(gatherOf(result).next).toMatchObject({ tries: 1 })
  })

  it('speech that matches nothing counts as a wrong choice', () => {
    expect(outline(atMain({ speechResult: '今天天气怎么样' }))[0]).toBe(`say ${zh('invalidInput')}`)
  })

  it('after maxAttempts: the IVR-wide fallback (hang up) when the menu has none', () => {
    const result = atMain({ digits: '7' }, { tries: 2 })
    expect(outline(result)).toEqual([`say ${zh('invalidInput')}`, `say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.ivr_hangup', path: '', fallback: true }])
  })

  it('after maxAttempts of silence: the menu’s own fallback (voicemail)', () => {
    const result = plan({ step: 'menu', menu: 'complaints', path: '2', tries: 1 }, {})
    expect(outline(result)).toEqual([`say ${zh('noInput')}`, `say ${zh('voicemail')}`, 'record (fallback)', `say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.voicemail', reason: 'fallback', path: '2' }])
  })

  it('a fallback can be a queue', () => {
    const result = atMain({}, { tries: 2 }, { config: hotlineConfig({ fallback: { type: 'queue', queue: 'general' } }) })
    expect(outline(result)).toEqual([`say ${zh('noInput')}`, `say ${zh('queueEnter')}`, 'enqueue general'])
    expect(result.events).toEqual([{ name: 'call.queued', queue: 'general', path: '', fallback: true }])
  })

  it('enter replays a menu from the start (tries reset)', () => {
    const result = plan({ step: 'enter', menu: 'complaints', tries: 2 })
    expect(gatherOf(result).next).toMatchObject({ step: 'menu', menu: 'complaints', tries: 0 })
  })
})

describe('case lookup', () => {
  it('3 → asks for the case number: up to 10 digits, # ends early, 10 s to type', () => {
    const result = plan({ step: 'menu', menu: 'main', n: 2 }, { digits: '3' })
    expect(outline(result)).toEqual([`gather(case:main) ${zh('caseLookup')}`])
    const gather = gatherOf(result)
    expect(gather).toMatchObject({ input: 'dtmf', numDigits: 10, finishOnKey: '#', timeoutSeconds: 10 })
    expect(gather.next).toEqual({ step: 'case', lang: 'zh-CN', menu: 'main', key: '3', path: '3', tries: 0, n: 3 })
  })

  it('a valid number → the lookup, then back to the menu the caller came from', () => {
    const result = plan({ step: 'case', menu: 'main', key: '3', path: '3', n: 3 }, { digits: '2025000123' })
    expect(outline(result)).toEqual([`lookup 2025000123 then gather(menu:main) ${MAIN_ZH}`])
    expect(result.instructions[0]).toMatchObject({ kind: 'caseLookup', language: 'zh-CN' })
    expect(result.events).toEqual([{ name: 'call.case_lookup', caseNumber: '2025000123', path: '3' }])
  })

  it('accepts a short number ended with # when it has minDigits', () => {
    expect(plan({ step: 'case', menu: 'main', key: '3', path: '3' }, { digits: '123456' }).events).toEqual([
      { name: 'call.case_lookup', caseNumber: '123456', path: '3' },
    ])
  })

  it('too few digits: says the number is wrong and asks again; silence says nothing was heard', () => {
    const short = plan({ step: 'case', menu: 'main', key: '3', path: '3' }, { digits: '12345' })
    expect(outline(short)).toEqual([`say ${zh('caseLookupInvalid')}`, `gather(case:main) ${zh('caseLookup')}`])
    expect(gatherOf(short).next).toMatchObject({ step: 'case', key: '3', tries: 1 })
    expect(outline(plan({ step: 'case', menu: 'main', key: '3' }, {}))[0]).toBe(`say ${zh('noInput')}`)
    expect(short.events).toEqual([])
  })

  it('after maxAttempts: back to the menu', () => {
    const result = plan({ step: 'case', menu: 'main', key: '3', path: '3', tries: 2 }, { digits: '1' })
    expect(outline(result)).toEqual([`say ${zh('caseLookupInvalid')}`, `gather(menu:main) ${MAIN_ZH}`])
  })

  it('with andThen: hangup, says goodbye after the answer', () => {
    const custom = hotlineConfig({
      menus: {
        main: { prompt: { 'zh-CN': '查询请按1' }, options: { '1': { type: 'caseLookup', digits: 4, andThen: 'hangup' } } },
      },
      callQueues: {},
    })
    const result = plan({ step: 'case', menu: 'main', key: '1', path: '1' }, { digits: '1234' }, { config: custom })
    expect(outline(result)).toEqual([`lookup 1234 then say ${zh('goodbye')}, hangup`])
  })
})

describe('queue wait (waitUrl)', () => {
  const waiting = (params: CallParams, queue = 'general') => plan({ step: 'queue-wait', queue, path: '1', n: 3 }, params)

  it('announces the position, then plays the hold music until the next announcement', () => {
    const result = waiting({ queuePosition: 3, queueTime: 0, avgQueueTime: 150 })
    expect(outline(result)).toEqual(['say 您前面还有3位来电，请耐心等待。', `play ${WAIT_MUSIC}`])
    expect(result.events).toEqual([])
  })

  it('announces in the caller’s language', () => {
    const result = plan({ step: 'queue-wait', queue: 'general', lang: 'en' }, { queuePosition: 1, queueTime: 60 })
    expect(outline(result)[0]).toBe('say You are number 1 in line. Thank you for waiting.')
  })

  it('never holds past the maximum wait: near it, pauses only for what is left', () => {
    expect(outline(waiting({ queuePosition: 2, queueTime: 270 }))).toEqual(['say 您前面还有2位来电，请耐心等待。', 'pause 30'])
  })

  it('leaves the queue once the maximum wait is reached (the Enqueue action then offers voicemail)', () => {
    expect(outline(waiting({ queuePosition: 2, queueTime: 300 }))).toEqual(['leave'])
    expect(outline(waiting({ queuePosition: 2, queueTime: 301 }))).toEqual(['leave'])
  })

  it('pauses instead of music when the queue has none, and skips the announcement without a position', () => {
    expect(outline(waiting({ queueTime: 10 }, 'complaints'))).toEqual(['pause 60'])
  })

  it('does not announce when the queue turns announcements off', () => {
    const quiet = hotlineConfig({ callQueues: { general: { announcePosition: false, waitMusicUrl: WAIT_MUSIC }, complaints: {} } })
    expect(outline(plan({ step: 'queue-wait', queue: 'general' }, { queuePosition: 4, queueTime: 0 }, { config: quiet }))).toEqual([`play ${WAIT_MUSIC}`])
  })
})

describe('queue exit (Enqueue action)', () => {
  const leaving = (queueResult: string, queue = 'general', queueTime = 300) => plan({ step: 'queue-exit', queue, path: '1', n: 3 }, { queueResult, queueTime })

  it('max wait reached (leave) → sorry, all busy, then voicemail', () => {
    const result = leaving('leave')
    expect(outline(result)).toEqual([`say ${zh('queueOverflow')}`, `say ${zh('voicemail')}`, 'record (overflow)', `say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([
      { name: 'call.queue_left', queue: 'general', result: 'leave', queueTime: 300, abandoned: false },
      { name: 'call.voicemail', reason: 'overflow', path: '1' },
    ])
  })

  it('a full queue or an error goes to voicemail the same way', () => {
    expect(outline(leaving('queue-full'))).toContain('record (overflow)')
    expect(outline(leaving('system-error'))).toContain('record (overflow)')
  })

  it('a queue whose overflow is hangup says sorry and goodbye, and flags a call back', () => {
    const result = leaving('leave', 'complaints', 120)
    expect(outline(result)).toEqual([`say ${zh('queueOverflow')}`, `say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([{ name: 'call.queue_left', queue: 'complaints', result: 'leave', queueTime: 120, abandoned: true }])
  })

  it('the caller hung up while waiting → nothing to play, an abandoned call to call back (漏接回拨)', () => {
    const result = leaving('hangup', 'general', 95)
    expect(result.instructions).toEqual([])
    expect(result.events).toEqual([{ name: 'call.queue_left', queue: 'general', result: 'hangup', queueTime: 95, abandoned: true }])
  })

  it('after a bridged call: hang up, no event (the call status callback reports the end)', () => {
    expect(leaving('bridged')).toEqual({ instructions: [{ kind: 'hangup' }], events: [] })
    expect(leaving('redirected')).toEqual({ instructions: [], events: [] })
  })
})

describe('other steps', () => {
  it('voicemail done → thanks and hang up', () => {
    expect(outline(plan({ step: 'voicemail-done', lang: 'en' }))).toEqual([`say ${en('voicemailThanks')}`, 'hangup'])
  })

  it('bridge (an agent dequeued the call) → an answered event with the agent and the wait', () => {
    expect(plan({ step: 'bridge', queue: 'general', agent: 'agent-wang' }, { queueTime: 42, dequeuingCallSid: 'CA2' })).toEqual({
      instructions: [],
      events: [{ name: 'call.answered', queue: 'general', agent: 'agent-wang', queueTime: 42 }],
    })
  })

  it(`ends a call politely after ${MAX_STEPS} steps (a dead line looping through a menu)`, () => {
    const result = plan({ step: 'menu', menu: 'main', n: MAX_STEPS }, { digits: '4' })
    expect(outline(result)).toEqual([`say ${zh('goodbye')}`, 'hangup'])
    expect(result.events).toEqual([])
  })
})
