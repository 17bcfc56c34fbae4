/**
 * The IVR's decisions, as data. Given the tree, where the call is (state), what Twilio reports
 * (Digits, SpeechResult, QueueTime…) and the instant of the request, it says what to play next
 * (instructions, rendered to TwiML elsewhere) and what happened (events for the caller's
 * conversation). Pure and synchronous: the worker re-runs it on the queued request to get the
 * same events the webhook answered with. The one asynchronous step, the case lookup, is left as a
 * `caseLookup` instruction for the engine to resolve.
 */
import { businessStatus } from './business-hours.js'
import type { CallParams } from './call-params.js'
import { actionAt, type CallState, extendPath, FALLBACK_KEY, MAX_STEPS } from './ivr-state.js'
import { type PromptPiece, type PromptVariables, renderPrompt } from './prompts.js'
import { matchSpeech, speechHints } from './speech-match.js'
import type { IvrAction, Prompt, VoiceConfig } from './voice-config.js'

/** What TwiML can express directly. */
export type PlainInstruction =
  | { kind: 'say'; pieces: PromptPiece[] }
  | {
      kind: 'gather'
      /** Where Twilio posts the input (also redirected to on silence). */
      next: CallState
      input: 'dtmf' | 'dtmf speech'
      numDigits: number
      /** '' turns Twilio's default '#' off (a menu may use # as an option). */
      finishOnKey: string
      timeoutSeconds: number
      speechLanguage?: string
      hints?: string[]
      pieces: PromptPiece[]
    }
  | { kind: 'enqueue'; twilioQueue: string; wait: CallState; exit: CallState }
  | {
      kind: 'record'
      done: CallState
      /** Goes into the recording/transcription callback URLs: those requests carry no caller. */
      callback: { caller?: string; lang: string; reason: VoicemailReason }
      maxLengthSeconds: number
      transcribe: boolean
      playBeep: boolean
      finishOnKey: string
      timeoutSeconds: number
    }
  | { kind: 'play'; url: string }
  | { kind: 'pause'; seconds: number }
  | { kind: 'leave' }
  | { kind: 'hangup' }

export type Instruction =
  | PlainInstruction
  /** Resolved by the engine: the lookup's answer is said, then `after` runs. */
  | { kind: 'caseLookup'; caseNumber: string; language: string; after: PlainInstruction[] }

export type VoicemailReason = 'closed' | 'holiday' | 'menu' | 'fallback' | 'overflow'

export type IvrEvent =
  | { name: 'call.started' }
  | { name: 'call.closed'; reason: 'closed' | 'holiday'; holiday?: string; action: 'voicemail' | 'hangup' }
  | { name: 'call.queued'; queue: string; path: string; fallback: boolean }
  | { name: 'call.voicemail'; reason: 'menu' | 'fallback' | 'overflow'; path: string }
  | { name: 'call.case_lookup'; caseNumber: string; path: string }
  | { name: 'call.ivr_hangup'; path: string; fallback: boolean }
  | { name: 'call.queue_left'; queue: string; result: string; queueTime?: number; abandoned: boolean }
  | { name: 'call.answered'; queue: string; agent?: string; queueTime?: number }

export interface IvrPlan {
  instructions: Instruction[]
  events: IvrEvent[]
}

export interface IvrStepInput {
  config: VoiceConfig
  state: CallState
  params: CallParams
  /** When Twilio's request arrived (business hours are judged at it). */
  now: Date
}

/** Queue results after which the caller is still on the line and needs somewhere to go. */
const OVERFLOW_RESULTS = new Set(['leave', 'queue-full', 'error', 'system-error'])

export function planIvrStep(input: IvrStepInput): IvrPlan {
  const step = new StepPlanner(input)
  return step.plan()
}

class StepPlanner {
  private readonly config: VoiceConfig
  private readonly state: CallState
  private readonly params: CallParams
  private readonly now: Date

  constructor(input: IvrStepInput) {
    this.config = input.config
    this.state = input.state
    this.params = input.params
    this.now = input.now
  }

  plan(): IvrPlan {
    if (this.state.n >= MAX_STEPS) return { instructions: [...this.say('goodbye'), { kind: 'hangup' }], events: [] }
    switch (this.state.step) {
      case 'incoming':
        return this.incoming()
      case 'language':
        return this.languageChosen()
      case 'enter':
        return { instructions: this.menuGather(this.state.menu ?? this.config.entryMenu, this.state.lang, this.state.path, 0), events: [] }
      case 'menu':
        return this.menuAnswered()
      case 'case':
        return this.caseEntered()
      case 'queue-wait':
        return { instructions: this.queueWait(), events: [] }
      case 'queue-exit':
        return this.queueLeft()
      case 'voicemail-done':
        return { instructions: [...this.say('voicemailThanks'), { kind: 'hangup' }], events: [] }
      case 'bridge':
        return { instructions: [], events: [this.answered()] }
    }
  }

  // ── steps ────────────────────────────────────────────────────────────────

  private incoming(): IvrPlan {
    const started: IvrEvent = { name: 'call.started' }
    const languageMenu = this.config.languageMenu
    if (!languageMenu) {
      const next = this.afterLanguage(this.config.defaultLanguage)
      return { instructions: [...this.prompt(this.config.welcome, this.config.defaultLanguage), ...next.instructions], events: [started, ...next.events] }
    }
    const welcome = this.menuLanguages().flatMap((language) => this.prompt(this.config.welcome, language))
    return { instructions: [...welcome, this.languageGather(0)], events: [started] }
  }

  private languageChosen(): IvrPlan {
    const menu = this.config.languageMenu
    const digits = this.params.digits
    const chosen = menu && digits && Object.hasOwn(menu.keys, digits) ? menu.keys[digits] : undefined
    if (chosen && this.config.languages[chosen]) return this.afterLanguage(chosen)
    const tries = this.state.tries + 1
    if (!menu || tries >= menu.maxAttempts) return this.afterLanguage(this.config.defaultLanguage)
    return { instructions: [this.languageGather(tries)], events: [] }
  }

  /** Business hours are checked once the caller's language is known, so "we are closed" is in it. */
  private afterLanguage(language: string): IvrPlan {
    const status = businessStatus(this.config.businessHours, this.now)
    if (status.open) return { instructions: this.menuGather(this.config.entryMenu, language, '', 0), events: [] }
    const holiday = status.day === 'holiday'
    const name = status.open ? undefined : (status.holidayName?.[language] ?? status.holidayName?.[this.config.defaultLanguage])
    const reason = holiday ? 'holiday' : 'closed'
    const notice = this.prompt(holiday ? this.config.prompts.holiday : this.config.prompts.closed, language, { name })
    const action = this.config.closedAction
    const rest: Instruction[] =
      action === 'voicemail' ? this.voicemail(language, this.state.path, reason, { withPrompt: false }) : [...this.say('goodbye', language), { kind: 'hangup' }]
    return {
      instructions: [...notice, ...rest],
      events: [{ name: 'call.closed', reason, ...(name ? { holiday: name } : {}), action }],
    }
  }

  private menuAnswered(): IvrPlan {
    const menuId = this.state.menu ?? this.config.entryMenu
    const menu = this.config.menus[menuId]
    if (!menu) return { instructions: this.menuGather(this.config.entryMenu, this.state.lang, this.state.path, 0), events: [] }
    const digits = this.params.digits
    if (digits === menu.repeatKey) return { instructions: this.menuGather(menuId, this.state.lang, this.state.path, this.state.tries), events: [] }
    const key =
      digits !== undefined && digits.length === 1 && Object.hasOwn(menu.options, digits)
        ? digits
        : digits === undefined && menu.input === 'dtmf speech'
          ? matchSpeech(menu, this.params.speechResult, this.state.lang)
          : undefined
    const action = key === undefined ? undefined : menu.options[key]
    if (key !== undefined && action) return this.perform(action, { menuId, key, path: extendPath(this.state.path, key), fallback: false })

    const silent = digits === undefined && this.params.speechResult === undefined
    const notice = this.say(silent ? 'noInput' : 'invalidInput')
    const tries = this.state.tries + 1
    if (tries < menu.maxAttempts) return { instructions: [...notice, ...this.menuGather(menuId, this.state.lang, this.state.path, tries)], events: [] }
    const fallback = menu.fallback ?? this.config.fallback
    const performed = this.perform(fallback, { menuId, key: FALLBACK_KEY, path: this.state.path, fallback: true })
    return { instructions: [...notice, ...performed.instructions], events: performed.events }
  }

  private caseEntered(): IvrPlan {
    const menuId = this.state.menu ?? this.config.entryMenu
    const action = actionAt(this.config, menuId, this.state.key ?? '')
    if (action?.type !== 'caseLookup') return { instructions: this.menuGather(this.config.entryMenu, this.state.lang, this.state.path, 0), events: [] }
    const digits = (this.params.digits ?? '').replace(/\D/g, '')
    const minDigits = action.minDigits ?? action.digits
    const after = this.afterSay(action.andThen, menuId, this.state.path)
    if (digits.length >= minDigits && digits.length <= action.digits) {
      return {
        instructions: [{ kind: 'caseLookup', caseNumber: digits, language: this.state.lang, after }],
        events: [{ name: 'call.case_lookup', caseNumber: digits, path: this.state.path }],
      }
    }
    const notice = this.say(digits.length === 0 ? 'noInput' : 'caseLookupInvalid')
    const tries = this.state.tries + 1
    if (tries >= action.maxAttempts) return { instructions: [...notice, ...after], events: [] }
    return { instructions: [...notice, this.caseGather(action, { ...this.state, tries })], events: [] }
  }

  private queueWait(): PlainInstruction[] {
    const queue = this.state.queue ? this.config.callQueues[this.state.queue] : undefined
    if (!queue) return [{ kind: 'leave' }]
    const waited = this.params.queueTime ?? 0
    if (waited >= queue.maxWaitSeconds) return [{ kind: 'leave' }]
    const instructions: PlainInstruction[] = []
    const position = this.params.queuePosition
    if (queue.announcePosition && position !== undefined && position > 0) {
      const average = this.params.avgQueueTime
      const minutes = average !== undefined && average > 0 ? Math.ceil(average / 60) : undefined
      instructions.push(...this.prompt(queue.positionPrompt ?? this.config.prompts.queuePosition, this.state.lang, { position, minutes }))
    }
    // Hold until the next announcement, but never past the maximum wait: the next request then leaves.
    const remaining = queue.maxWaitSeconds - waited
    if (queue.waitMusicUrl && remaining >= queue.announceEverySeconds) instructions.push({ kind: 'play', url: queue.waitMusicUrl })
    else instructions.push({ kind: 'pause', seconds: Math.min(queue.announceEverySeconds, remaining) })
    return instructions
  }

  private queueLeft(): IvrPlan {
    const queueId = this.state.queue ?? ''
    const result = (this.params.queueResult ?? 'unknown').toLowerCase()
    const queueTime = this.params.queueTime
    const left = (abandoned: boolean): IvrEvent => ({
      name: 'call.queue_left',
      queue: queueId,
      result,
      ...(queueTime !== undefined ? { queueTime } : {}),
      abandoned,
    })
    if (result === 'bridged') return { instructions: [{ kind: 'hangup' }], events: [] }
    if (result === 'redirected') return { instructions: [], events: [] }
    // The caller hung up while waiting: a missed call to call back (漏接回拨).
    if (result === 'hangup') return { instructions: [], events: [left(true)] }
    if (!OVERFLOW_RESULTS.has(result)) return { instructions: [{ kind: 'hangup' }], events: [left(false)] }
    const overflow = this.config.callQueues[queueId]?.overflow ?? 'voicemail'
    const notice = this.say('queueOverflow')
    if (overflow === 'hangup') return { instructions: [...notice, ...this.say('goodbye'), { kind: 'hangup' }], events: [left(true)] }
    return {
      instructions: [...notice, ...this.voicemail(this.state.lang, this.state.path, 'overflow', { withPrompt: true })],
      events: [left(false), { name: 'call.voicemail', reason: 'overflow', path: this.state.path }],
    }
  }

  private answered(): IvrEvent {
    const queueTime = this.params.queueTime
    return {
      name: 'call.answered',
      queue: this.state.queue ?? '',
      ...(this.state.agent ? { agent: this.state.agent } : {}),
      ...(queueTime !== undefined ? { queueTime } : {}),
    }
  }

  // ── actions ──────────────────────────────────────────────────────────────

  private perform(action: IvrAction, at: { menuId: string; key: string; path: string; fallback: boolean }): IvrPlan {
    const language = this.state.lang
    switch (action.type) {
      case 'menu':
        return { instructions: this.menuGather(action.menu, language, at.path, 0), events: [] }
      case 'language':
        return { instructions: this.menuGather(at.menuId, action.language, at.path, 0), events: [] }
      case 'say':
        return { instructions: [...this.prompt(action.prompt, language), ...this.afterSay(action.andThen, at.menuId, at.path)], events: [] }
      case 'hangup':
        return {
          instructions: [...(action.prompt ? this.prompt(action.prompt, language) : this.say('goodbye')), { kind: 'hangup' }],
          events: [{ name: 'call.ivr_hangup', path: at.path, fallback: at.fallback }],
        }
      case 'queue': {
        const queue = this.config.callQueues[action.queue]
        const target: CallState = { ...this.next({ path: at.path, tries: 0 }), queue: action.queue }
        return {
          instructions: [
            ...this.prompt(queue?.enterPrompt ?? this.config.prompts.queueEnter, language),
            {
              kind: 'enqueue',
              twilioQueue: queue?.twilioQueue ?? action.queue,
              wait: { ...target, step: 'queue-wait' },
              exit: { ...target, step: 'queue-exit' },
            },
          ],
          events: [{ name: 'call.queued', queue: action.queue, path: at.path, fallback: at.fallback }],
        }
      }
      case 'voicemail': {
        const reason = at.fallback ? 'fallback' : 'menu'
        return {
          instructions: this.voicemail(language, at.path, reason, { withPrompt: true, prompt: action.prompt }),
          events: [{ name: 'call.voicemail', reason, path: at.path }],
        }
      }
      case 'caseLookup':
        return {
          instructions: [this.caseGather(action, { ...this.next({ path: at.path, tries: 0 }), step: 'case', menu: at.menuId, key: at.key })],
          events: [],
        }
    }
  }

  // ── building blocks ──────────────────────────────────────────────────────

  private menuGather(menuId: string, lang: string, path: string, tries: number): PlainInstruction[] {
    const menu = this.config.menus[menuId]
    if (!menu) return [...this.say('goodbye', lang), { kind: 'hangup' }]
    const speechLanguage = menu.input === 'dtmf speech' ? this.config.languages[lang]?.speechLanguage : undefined
    const hints = menu.input === 'dtmf speech' ? speechHints(menu, lang) : []
    return [
      {
        kind: 'gather',
        next: { ...this.next({ path, tries, lang }), step: 'menu', menu: menuId },
        input: menu.input,
        numDigits: 1,
        finishOnKey: '',
        timeoutSeconds: menu.timeoutSeconds,
        ...(speechLanguage ? { speechLanguage } : {}),
        ...(hints.length > 0 ? { hints } : {}),
        pieces: renderPrompt(menu.prompt, lang, this.config),
      },
    ]
  }

  private languageGather(tries: number): PlainInstruction {
    const menu = this.config.languageMenu
    const pieces = Object.entries(menu?.keys ?? {}).flatMap(([key, language]) =>
      renderPrompt(this.config.prompts.languageChoice, language, this.config, { key }),
    )
    return {
      kind: 'gather',
      next: { ...this.next({ path: '', tries, lang: this.config.defaultLanguage }), step: 'language' },
      input: 'dtmf',
      numDigits: 1,
      finishOnKey: '',
      timeoutSeconds: menu?.timeoutSeconds ?? 5,
      pieces,
    }
  }

  private caseGather(action: Extract<IvrAction, { type: 'caseLookup' }>, target: CallState): PlainInstruction {
    return {
      kind: 'gather',
      next: target,
      input: 'dtmf',
      numDigits: action.digits,
      finishOnKey: action.terminator,
      timeoutSeconds: action.timeoutSeconds,
      pieces: renderPrompt(action.prompt ?? this.config.prompts.caseLookup, this.state.lang, this.config),
    }
  }

  private voicemail(language: string, path: string, reason: VoicemailReason, options: { withPrompt: boolean; prompt?: Prompt }): PlainInstruction[] {
    const settings = this.config.voicemail
    const caller = this.params.from
    return [
      ...(options.withPrompt ? this.prompt(options.prompt ?? this.config.prompts.voicemail, language) : []),
      {
        kind: 'record',
        done: { ...this.next({ path, tries: 0, lang: language }), step: 'voicemail-done' },
        callback: { ...(caller ? { caller } : {}), lang: language, reason },
        maxLengthSeconds: settings.maxLengthSeconds,
        transcribe: settings.transcribe,
        playBeep: settings.playBeep,
        finishOnKey: settings.finishOnKey,
        timeoutSeconds: settings.silenceTimeoutSeconds,
      },
      // Reached only when nothing was recorded (Twilio then skips the action URL).
      ...this.say('goodbye', language),
      { kind: 'hangup' },
    ]
  }

  /** After a said answer: replay the menu the caller came from, or say goodbye. */
  private afterSay(andThen: 'return' | 'hangup', menuId: string, path: string): PlainInstruction[] {
    return andThen === 'return' ? this.menuGather(menuId, this.state.lang, path, 0) : [...this.say('goodbye'), { kind: 'hangup' }]
  }

  private next(patch: Partial<CallState>): CallState {
    const { menu: _menu, key: _key, queue: _queue, agent: _agent, ...base } = this.state
    return { ...base, ...patch, n: this.state.n + 1 }
  }

  private menuLanguages(): string[] {
    const languages = [this.config.defaultLanguage, ...Object.values(this.config.languageMenu?.keys ?? {})]
    return [...new Set(languages)]
  }

  private say(name: keyof VoiceConfig['prompts'], language = this.state.lang, variables?: PromptVariables): PlainInstruction[] {
    return this.prompt(this.config.prompts[name], language, variables)
  }

  private prompt(prompt: Prompt | undefined, language: string, variables?: PromptVariables): PlainInstruction[] {
    const pieces = renderPrompt(prompt, language, this.config, variables)
    return pieces.length > 0 ? [{ kind: 'say', pieces }] : []
  }
}
