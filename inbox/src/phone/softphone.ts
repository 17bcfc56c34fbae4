/**
 * The agent's browser softphone as a small state machine, independent of the Twilio SDK:
 *
 *   offline → connecting (token, SDK, register) → ready ⇄ dialing → in-call → ready
 *                     ↘ error (not configured, no network, refused token…) → connecting …
 *
 * The SDK sits behind `PhoneDevice` / `PhoneCall` (twilio-device.ts implements them and is loaded
 * with a dynamic import on first use, so agents who never turn the phone on never download it);
 * tests drive the machine with a fake device.
 *
 * Taking a caller is an outgoing call to the voice channel's TwiML App, whose Voice URL answers
 * `<Dial><Queue>` for the `queue` parameter (the first call queue when absent). The agent is not a
 * parameter: the hub reads the softphone identity from the call's `From` (`client:<identity>`).
 */
import { ApiError, NetworkError } from '../api/http.js'

/** GET /api/voice/token (server/http/routes/voice-routes.ts). */
export interface VoiceToken {
  token: string
  identity: string
  channelId: string
  expiresInSeconds: number
  /** The channel's call queue ids; the first is the one the hub dequeues from when none is named. */
  callQueues: string[]
}

export interface DeviceEvents {
  /** Registered with Twilio: the token was accepted and calls can be made. */
  registered(): void
  /** Lost the registration (signalling offline); the SDK registers again by itself. */
  unregistered(): void
  /** A device-level failure (not a call's: those go to CallEvents.error). */
  error(error: unknown): void
  /** The token expires soon: fetch another and `updateToken` it. */
  tokenWillExpire(): void
}

export interface CallEvents {
  /** The call is connected (the TwiML App answered; the caller is bridged from the queue). */
  accept(): void
  /** The call ended, whoever ended it. */
  disconnect(): void
  error(error: unknown): void
  mute(muted: boolean): void
}

export interface PhoneCall {
  mute(muted: boolean): void
  disconnect(): void
}

export interface PhoneDevice {
  register(): Promise<void>
  /** Rejects when the call cannot start (e.g. the microphone is refused). */
  connect(params: Record<string, string>, events: CallEvents): Promise<PhoneCall>
  updateToken(token: string): void
  destroy(): void
}

export interface DeviceOptions {
  /** Raise tokenWillExpire this many milliseconds before the token expires. */
  refreshMs: number
  events: DeviceEvents
}

/** Rejects with UnsupportedBrowserError when the browser cannot make WebRTC calls. */
export type CreateDevice = (token: string, options: DeviceOptions) => Promise<PhoneDevice>

export class UnsupportedBrowserError extends Error {
  override name = 'UnsupportedBrowserError'
}

export class SdkLoadError extends Error {
  override name = 'SdkLoadError'
}

/** The Twilio adapter, downloaded (with the SDK) the first time the phone is turned on. */
export const loadTwilioDevice: CreateDevice = async (token, options) => {
  let module: typeof import('./twilio-device.js')
  try {
    module = await import('./twilio-device.js')
  } catch (error) {
    throw new SdkLoadError('Could not load the voice SDK', { cause: error })
  }
  return module.createTwilioDevice(token, options)
}

export type SoftphoneProblemKind =
  /** 404 softphone_not_configured: no voice channel has a softphone. */
  | 'not-configured'
  | 'forbidden'
  | 'network'
  /** The hub answered with an error or an unreadable token. */
  | 'server'
  | 'unsupported-browser'
  | 'load-failed'
  | 'microphone-denied'
  | 'microphone-unavailable'
  /** Twilio refused the credentials (bad API key, TwiML App, signature). */
  | 'misconfigured'
  | 'token-expired'
  /** Renewing the token failed; the phone stops when the current one expires. */
  | 'refresh-failed'
  | 'connection'
  | 'call-failed'
  | 'unknown'

export interface SoftphoneProblem {
  kind: SoftphoneProblemKind
  /** A Twilio error code or the hub's error code, when there is one. */
  code?: string
}

/** The voice channel the phone is connected to. */
export interface PhoneLine {
  identity: string
  channelId: string
  callQueues: readonly string[]
}

export type SoftphoneState =
  | { status: 'offline' }
  | { status: 'connecting'; line: PhoneLine | null }
  | { status: 'ready'; line: PhoneLine; problem: SoftphoneProblem | null; lastCallSeconds: number | null }
  | { status: 'dialing'; line: PhoneLine; queue: string | null }
  | { status: 'in-call'; line: PhoneLine; queue: string | null; startedAt: number; muted: boolean; problem: SoftphoneProblem | null }
  | { status: 'error'; problem: SoftphoneProblem }

export type SoftphoneStatus = SoftphoneState['status']

export interface SoftphoneOptions {
  fetchToken: () => Promise<unknown>
  createDevice: CreateDevice
  now?: () => number
  /** Delays between attempts to renew the token when one fails. */
  refreshRetryMs?: readonly number[]
  setTimer?: (callback: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

const TOKEN_CODES = new Set([20101, 20151, 31202, 31204, 31207, 31102, 31001])
const EXPIRED_CODES = new Set([20104, 31205])

/** What went wrong with the SDK, from its TwilioError code (or the browser's getUserMedia error name). */
export function problemFromTwilio(error: unknown, fallback: 'call-failed' | 'unknown'): SoftphoneProblem {
  if (error instanceof UnsupportedBrowserError) return { kind: 'unsupported-browser' }
  if (error instanceof SdkLoadError) return { kind: 'load-failed' }
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown }
  const withCode = (kind: SoftphoneProblemKind): SoftphoneProblem => (typeof code === 'number' ? { kind, code: String(code) } : { kind })
  if (code === 31401 || name === 'NotAllowedError' || name === 'PermissionDeniedError') return { kind: 'microphone-denied' }
  if (code === 31402 || name === 'NotFoundError' || name === 'NotReadableError') return { kind: 'microphone-unavailable' }
  if (typeof code === 'number') {
    if (EXPIRED_CODES.has(code)) return withCode('token-expired')
    if (TOKEN_CODES.has(code)) return withCode('misconfigured')
    if ((code >= 31002 && code <= 31009) || (code >= 53000 && code < 54000)) return withCode('connection')
  }
  return withCode(fallback)
}

/** What went wrong fetching a token from the hub. */
export function problemFromTokenFetch(error: unknown): SoftphoneProblem {
  if (error instanceof NetworkError) return { kind: 'network' }
  if (error instanceof ApiError) {
    if (error.status === 404 && error.code === 'softphone_not_configured') return { kind: 'not-configured' }
    if (error.status === 403) return { kind: 'forbidden' }
    return { kind: 'server', code: error.code }
  }
  return { kind: 'server', code: 'invalid_token_response' }
}

/** Checks GET /api/voice/token's answer; null for anything else. */
export function parseVoiceToken(payload: unknown): VoiceToken | null {
  const value = payload as Partial<Record<keyof VoiceToken, unknown>> | null
  if (!value || typeof value !== 'object') return null
  const { token, identity, channelId, expiresInSeconds, callQueues } = value
  if (typeof token !== 'string' || !token || typeof identity !== 'string' || !identity || typeof channelId !== 'string') return null
  if (typeof expiresInSeconds !== 'number' || !(expiresInSeconds > 0)) return null
  const queues = Array.isArray(callQueues) ? callQueues.filter((queue): queue is string => typeof queue === 'string') : []
  return { token, identity, channelId, expiresInSeconds, callQueues: queues }
}

/** Ask for a new token a minute before expiry, or at 80 % of a short lifetime. */
export function refreshLeadMs(expiresInSeconds: number): number {
  return Math.max(1000, Math.min(60_000, Math.floor(expiresInSeconds * 200)))
}

/** The queued-call event the hub records (connectors/voice/map-ivr-events.ts): `[call] menu 1›2 → queue complaints`. */
const QUEUED_EVENT = /^\[call\][^\n]*→ queue ([A-Za-z0-9][A-Za-z0-9_-]{0,31})$/

/**
 * The call queue to take the next caller from in a voice conversation: the queue its latest
 * queued-call event names, else the conversation's queue when it is also a call queue, else null
 * (the hub then uses the channel's first call queue).
 */
export function callQueueFor(
  conversationQueue: string,
  messages: readonly { type: string; body: string; event?: { name: string; queue?: string } }[],
  callQueues: readonly string[],
): string | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]
    if (message?.type !== 'event') continue
    // The hub says which queue (older hubs only wrote it in the text).
    const queue = (message.event?.name === 'call.queued' ? message.event.queue : undefined) ?? QUEUED_EVENT.exec(message.body)?.[1]
    if (queue && callQueues.includes(queue)) return queue
  }
  return callQueues.includes(conversationQueue) ? conversationQueue : null
}

const DEFAULT_REFRESH_RETRY_MS = [5_000, 15_000] as const

export class Softphone {
  private state: SoftphoneState = { status: 'offline' }
  private readonly listeners = new Set<() => void>()
  private device: PhoneDevice | null = null
  private call: PhoneCall | null = null
  /** Bumped when a call starts and when it ends: events and answers of an earlier call are dropped. */
  private attempt = 0
  /** A device failure during a call: reported, and the phone stops, once the call ends. */
  private deviceProblem: SoftphoneProblem | null = null
  /** Bumped by stop(): answers to earlier requests are dropped. */
  private session = 0
  private refreshTimer: unknown = null
  private readonly now: () => number
  private readonly retryMs: readonly number[]
  private readonly setTimer: (callback: () => void, ms: number) => unknown
  private readonly clearTimer: (timer: unknown) => void

  constructor(private readonly options: SoftphoneOptions) {
    this.now = options.now ?? Date.now
    this.retryMs = options.refreshRetryMs ?? DEFAULT_REFRESH_RETRY_MS
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms))
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
  }

  getState(): SoftphoneState {
    return this.state
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Turns the phone on: token, SDK, registration. No-op unless offline or failed. */
  async start(): Promise<void> {
    if (this.state.status !== 'offline' && this.state.status !== 'error') return
    const session = ++this.session
    this.set({ status: 'connecting', line: null })

    let token: VoiceToken | null
    try {
      token = parseVoiceToken(await this.options.fetchToken())
    } catch (error) {
      if (session === this.session) this.set({ status: 'error', problem: problemFromTokenFetch(error) })
      return
    }
    if (session !== this.session) return
    if (!token) {
      this.set({ status: 'error', problem: { kind: 'server', code: 'invalid_token_response' } })
      return
    }
    const line: PhoneLine = { identity: token.identity, channelId: token.channelId, callQueues: token.callQueues }
    this.set({ status: 'connecting', line })

    let device: PhoneDevice
    try {
      device = await this.options.createDevice(token.token, { refreshMs: refreshLeadMs(token.expiresInSeconds), events: this.deviceEvents(session) })
    } catch (error) {
      if (session === this.session) this.set({ status: 'error', problem: problemFromTwilio(error, 'unknown') })
      return
    }
    if (session !== this.session) {
      device.destroy()
      return
    }
    this.device = device
    try {
      await device.register()
    } catch (error) {
      if (session === this.session) this.fail(problemFromTwilio(error, 'unknown'))
      return
    }
    // The registered event may have come first.
    if (session === this.session && this.getState().status === 'connecting') this.set({ status: 'ready', line, problem: null, lastCallSeconds: null })
  }

  /** Turns the phone off (hanging up a call in progress). */
  stop(): void {
    this.teardown()
    this.set({ status: 'offline' })
  }

  /** Calls the TwiML App to take the longest-waiting caller of `queue` (null: the channel's default queue). */
  async takeNextCaller(queue: string | null): Promise<void> {
    const state = this.state
    const device = this.device
    if (state.status !== 'ready' || !device) return
    const session = this.session
    const attempt = ++this.attempt
    this.set({ status: 'dialing', line: state.line, queue })
    let call: PhoneCall
    try {
      call = await device.connect(queue ? { queue } : {}, this.callEvents(session, attempt))
    } catch (error) {
      if (session === this.session && attempt === this.attempt) this.endCall(problemFromTwilio(error, 'call-failed'))
      return
    }
    if (session !== this.session || attempt !== this.attempt) {
      // Stopped, failed or hung up while the call was being set up.
      call.disconnect()
      return
    }
    this.call = call
  }

  hangUp(): void {
    if (this.state.status !== 'dialing' && this.state.status !== 'in-call') return
    // A call still being set up is disconnected when device.connect answers (the attempt is over).
    const call = this.call
    this.endCall(null)
    call?.disconnect()
  }

  toggleMute(): void {
    const state = this.state
    if (state.status !== 'in-call' || !this.call) return
    this.call.mute(!state.muted)
    // The SDK confirms with a mute event; show the change at once either way.
    this.set({ ...state, muted: !state.muted })
  }

  /** For unmounting: stops everything and forgets the listeners. */
  dispose(): void {
    this.teardown()
    this.state = { status: 'offline' }
    this.listeners.clear()
  }

  private deviceEvents(session: number): DeviceEvents {
    const current = () => session === this.session
    return {
      registered: () => {
        const state = this.state
        if (current() && state.status === 'connecting' && state.line && this.device)
          this.set({ status: 'ready', line: state.line, problem: null, lastCallSeconds: null })
      },
      unregistered: () => {
        const state = this.state
        if (current() && state.status === 'ready') this.set({ status: 'connecting', line: state.line })
      },
      error: (error) => {
        if (!current()) return
        const problem = problemFromTwilio(error, 'unknown')
        const state = this.state
        if (state.status === 'in-call' || state.status === 'dialing') {
          this.deviceProblem = problem
          if (state.status === 'in-call') this.set({ ...state, problem })
        } else {
          this.fail(problem)
        }
      },
      tokenWillExpire: () => {
        if (current()) void this.refresh(session, 0)
      },
    }
  }

  private callEvents(session: number, attempt: number): CallEvents {
    // Events of a call that has ended (or of an earlier session) change nothing.
    const current = () => session === this.session && attempt === this.attempt
    return {
      accept: () => {
        const state = this.state
        if (current() && state.status === 'dialing')
          this.set({ status: 'in-call', line: state.line, queue: state.queue, startedAt: this.now(), muted: false, problem: null })
      },
      disconnect: () => {
        if (current()) this.endCall(null)
      },
      error: (error) => {
        if (!current()) return
        // End it first: the disconnect's own event then belongs to an ended call.
        const call = this.call
        this.endCall(problemFromTwilio(error, 'call-failed'))
        call?.disconnect()
      },
      mute: (muted) => {
        const state = this.state
        if (current() && state.status === 'in-call' && state.muted !== muted) this.set({ ...state, muted })
      },
    }
  }

  private async refresh(session: number, attempt: number): Promise<void> {
    this.refreshTimer = null
    let token: VoiceToken | null = null
    try {
      token = parseVoiceToken(await this.options.fetchToken())
    } catch {
      token = null
    }
    if (session !== this.session || !this.device) return
    if (token) {
      this.device.updateToken(token.token)
      this.setProblem(null, 'refresh-failed')
      return
    }
    const delay = this.retryMs[attempt]
    if (delay === undefined) {
      this.setProblem({ kind: 'refresh-failed' })
      return
    }
    this.refreshTimer = this.setTimer(() => void this.refresh(session, attempt + 1), delay)
  }

  /** Shows (or clears, when `clearing` names the current kind) a warning on a working phone. */
  private setProblem(problem: SoftphoneProblem | null, clearing?: SoftphoneProblemKind): void {
    const state = this.state
    if (state.status !== 'ready' && state.status !== 'in-call') return
    if (problem === null && state.problem?.kind !== clearing) return
    this.set({ ...state, problem })
  }

  private endCall(problem: SoftphoneProblem | null): void {
    const state = this.state
    if (state.status !== 'dialing' && state.status !== 'in-call') return
    this.attempt++
    this.call = null
    const lastCallSeconds = state.status === 'in-call' ? Math.max(0, Math.round((this.now() - state.startedAt) / 1000)) : null
    const deviceProblem = this.deviceProblem
    this.deviceProblem = null
    if (deviceProblem) this.fail(deviceProblem)
    else this.set({ status: 'ready', line: state.line, problem, lastCallSeconds })
  }

  private fail(problem: SoftphoneProblem): void {
    this.teardown()
    this.set({ status: 'error', problem })
  }

  private teardown(): void {
    this.session++
    if (this.refreshTimer !== null) this.clearTimer(this.refreshTimer)
    this.refreshTimer = null
    const call = this.call
    const device = this.device
    this.call = null
    this.device = null
    this.attempt++
    this.deviceProblem = null
    call?.disconnect()
    device?.destroy()
  }

  private set(state: SoftphoneState): void {
    this.state = state
    for (const listener of this.listeners) listener()
  }
}
