/**
 * A call's place in the IVR, carried from one TwiML step to the next in the action URL's query
 * string (`?step=menu&lang=en&menu=main&path=21&tries=1&n=4`): the hub keeps no call state.
 * Twilio signs the whole URL, query included, and every IVR request is signature-checked, so a
 * caller cannot forge a state; decoding still validates it against the current tree, because the
 * config may have changed mid-call (a removed menu then restarts the caller at the entry menu).
 */
import type { IvrAction, VoiceConfig } from './voice-config.js'

export const IVR_STEPS = ['incoming', 'language', 'enter', 'menu', 'case', 'queue-wait', 'queue-exit', 'voicemail-done', 'bridge'] as const
export type IvrStep = (typeof IVR_STEPS)[number]

export interface CallState {
  step: IvrStep
  /** The caller's language (a key of `languages`). */
  lang: string
  /** The menu being played or answered. */
  menu?: string
  /** For `case`: the option key (or `fallback`) whose caseLookup action is running. */
  key?: string
  /** For queue steps: the call queue id. */
  queue?: string
  /** For `bridge`: the agent taking the call. */
  agent?: string
  /** Keys pressed so far (the menu path), at most MAX_PATH_LENGTH, newest last. */
  path: string
  /** Wrong keys and silences in the current menu or input. */
  tries: number
  /** Step counter: a loop guard, and the dedupe key of the step's events. */
  n: number
}

/** A call that has gone through this many steps is ended politely (a dead line in a say→return loop). */
export const MAX_STEPS = 200
export const MAX_PATH_LENGTH = 32
export const FALLBACK_KEY = 'fallback'

/** Agent identities as they travel in URLs (a Twilio Client identity, a user id). */
export const AGENT_ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,64}$/

export function initialCallState(config: Pick<VoiceConfig, 'defaultLanguage'>): CallState {
  return { step: 'incoming', lang: config.defaultLanguage, path: '', tries: 0, n: 0 }
}

/** The query string of an action URL (empty values and zero counters left out). */
export function encodeCallState(state: CallState): URLSearchParams {
  const query = new URLSearchParams({ step: state.step, lang: state.lang })
  for (const name of ['menu', 'key', 'queue', 'agent', 'path'] as const) {
    const value = state[name]
    if (value) query.set(name, value)
  }
  if (state.tries > 0) query.set('tries', String(state.tries))
  if (state.n > 0) query.set('n', String(state.n))
  return query
}

/**
 * The state in a request's query, validated against the tree. No `step` = a new incoming call.
 * Undefined when the state does not fit the current config.
 */
export function decodeCallState(query: URLSearchParams, config: VoiceConfig): CallState | undefined {
  const step = query.get('step')
  if (step === null) return initialCallState(config)
  if (!(IVR_STEPS as readonly string[]).includes(step)) return undefined
  const lang = query.get('lang') ?? config.defaultLanguage
  if (!config.languages[lang]) return undefined
  const tries = counter(query.get('tries'), 99)
  const n = counter(query.get('n'), 9999)
  const path = query.get('path') ?? ''
  if (tries === undefined || n === undefined || !/^[0-9*#]*$/.test(path) || path.length > MAX_PATH_LENGTH) return undefined
  const state: CallState = { step: step as IvrStep, lang, path, tries, n }

  const menu = query.get('menu')
  if (menu !== null) {
    if (!Object.hasOwn(config.menus, menu)) return undefined
    state.menu = menu
  }
  const key = query.get('key')
  if (key !== null) state.key = key
  const queue = query.get('queue')
  if (queue !== null) {
    if (!Object.hasOwn(config.callQueues, queue)) return undefined
    state.queue = queue
  }
  const agent = query.get('agent')
  if (agent !== null) {
    if (!AGENT_ID_PATTERN.test(agent)) return undefined
    state.agent = agent
  }

  switch (state.step) {
    case 'enter':
    case 'menu':
      return state.menu ? state : undefined
    case 'case':
      return state.menu && state.key && actionAt(config, state.menu, state.key)?.type === 'caseLookup' ? state : undefined
    case 'queue-wait':
    case 'queue-exit':
    case 'bridge':
      return state.queue ? state : undefined
    default:
      return state
  }
}

/** The action behind a menu's key, or behind its fallback (the menu's own, else the IVR-wide one). */
export function actionAt(config: Pick<VoiceConfig, 'menus' | 'fallback'>, menuId: string, key: string): IvrAction | undefined {
  const menu = Object.hasOwn(config.menus, menuId) ? config.menus[menuId] : undefined
  if (!menu) return undefined
  if (key === FALLBACK_KEY) return menu.fallback ?? config.fallback
  return Object.hasOwn(menu.options, key) ? menu.options[key] : undefined
}

/** The path with one more key, keeping the newest MAX_PATH_LENGTH keys. */
export function extendPath(path: string, key: string): string {
  return `${path}${key}`.slice(-MAX_PATH_LENGTH)
}

function counter(text: string | null, max: number): number | undefined {
  if (text === null) return 0
  if (!/^\d{1,4}$/.test(text)) return undefined
  const value = Number(text)
  return value <= max ? value : undefined
}
