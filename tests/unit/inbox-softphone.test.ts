import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../../inbox/src/api/http.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import {
  type CallEvents,
  callQueueFor,
  type DeviceOptions,
  type PhoneCall,
  type PhoneDevice,
  parseVoiceToken,
  problemFromTwilio,
  refreshLeadMs,
  SdkLoadError,
  Softphone,
  type SoftphoneOptions,
  type SoftphoneState,
  UnsupportedBrowserError,
  type VoiceToken,
} from '../../inbox/src/phone/softphone.js'
import { formatCallDuration, softphoneStatusText } from '../../inbox/src/phone/softphone-text.js'

const en = translator('en')
const zh = translator('zh-CN')

const TOKEN: VoiceToken = { token: 'jwt-1', identity: 'usr_wang', channelId: 'voice', expiresInSeconds: 3600, callQueues: ['general', 'complaints'] }
const LINE = { identity: 'usr_wang', channelId: 'voice', callQueues: ['general', 'complaints'] }

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

class FakeCall implements PhoneCall {
  muted: boolean[] = []
  disconnects = 0
  constructor(readonly events: CallEvents) {}
  mute(muted: boolean) {
    this.muted.push(muted)
    this.events.mute(muted)
  }
  disconnect() {
    this.disconnects++
    this.events.disconnect()
  }
}

class FakeDevice implements PhoneDevice {
  readonly tokens: string[] = []
  readonly connects: { params: Record<string, string>; call: FakeCall }[] = []
  destroyed = false
  /** Set to make the next connect fail or wait. */
  connectResult: (() => Promise<void>) | null = null
  registerResult: () => Promise<void> = async () => {
    this.options.events.registered()
  }
  constructor(
    token: string,
    readonly options: DeviceOptions,
  ) {
    this.tokens.push(token)
  }
  register() {
    return this.registerResult()
  }
  async connect(params: Record<string, string>, events: CallEvents) {
    const call = new FakeCall(events)
    this.connects.push({ params, call })
    if (this.connectResult) await this.connectResult()
    return call
  }
  updateToken(token: string) {
    this.tokens.push(token)
  }
  destroy() {
    this.destroyed = true
  }
  get call(): FakeCall {
    const last = this.connects.at(-1)
    if (!last) throw new Error('no call')
    return last.call
  }
}

function setup(overrides: Partial<SoftphoneOptions> & { tokens?: (() => Promise<unknown>)[] } = {}) {
  const devices: FakeDevice[] = []
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = []
  let fetches = 0
  const clock = { now: 1_000_000 }
  const tokens = overrides.tokens
  const phone = new Softphone({
    fetchToken: async () => {
      const next = tokens?.[fetches]
      fetches++
      return next ? next() : { ...TOKEN, token: `jwt-${fetches}` }
    },
    createDevice: async (token, options) => {
      const device = new FakeDevice(token, options)
      devices.push(device)
      return device
    },
    now: () => clock.now,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false }
      timers.push(timer)
      return timer
    },
    clearTimer: (timer) => {
      ;(timer as { cleared: boolean }).cleared = true
    },
    ...overrides,
  })
  const states: SoftphoneState[] = []
  phone.subscribe(() => states.push(phone.getState()))
  return {
    phone,
    states,
    timers,
    clock,
    devices,
    get fetches() {
      return fetches
    },
    get device(): FakeDevice {
      const device = devices.at(-1)
      if (!device) throw new Error('no device')
      return device
    },
  }
}

async function ready(overrides?: Parameters<typeof setup>[0]) {
  const phone = setup(overrides)
  await phone.phone.start()
  expect(phone.phone.getState().status).toBe('ready')
  return phone
}

describe('softphone: a call from start to hang-up', () => {
  it('fetches a token, registers, takes the next caller of a queue, mutes, hangs up', async () => {
    const { phone, states, device, clock } = await ready()
    expect(states.map((state) => state.status)).toEqual(['connecting', 'connecting', 'ready'])
    expect(phone.getState()).toEqual({ status: 'ready', line: LINE, problem: null, lastCallSeconds: null })
    expect(device.tokens).toEqual(['jwt-1'])
    expect(device.options.refreshMs).toBe(60_000)

    const taking = phone.takeNextCaller('complaints')
    expect(phone.getState()).toEqual({ status: 'dialing', line: LINE, queue: 'complaints' })
    await taking
    // The only parameter the TwiML App reads: the agent is the call's From (client:<identity>).
    expect(device.connects.map((connect) => connect.params)).toEqual([{ queue: 'complaints' }])

    device.call.events.accept()
    expect(phone.getState()).toEqual({ status: 'in-call', line: LINE, queue: 'complaints', startedAt: 1_000_000, muted: false, problem: null })

    phone.toggleMute()
    expect(device.call.muted).toEqual([true])
    expect(phone.getState()).toMatchObject({ status: 'in-call', muted: true })
    phone.toggleMute()
    expect(phone.getState()).toMatchObject({ status: 'in-call', muted: false })

    clock.now += 65_400
    phone.hangUp()
    expect(device.call.disconnects).toBe(1)
    expect(phone.getState()).toEqual({ status: 'ready', line: LINE, problem: null, lastCallSeconds: 65 })
    expect(softphoneStatusText(phone.getState(), en)).toBe('Phone ready. Call ended after 1:05.')
    expect(softphoneStatusText(phone.getState(), zh)).toBe('电话已就绪。通话已结束，时长 1:05。')
    expect(device.destroyed).toBe(false)
  })

  it('names no queue when the conversation has none of the line’s call queues (the hub takes the first)', async () => {
    const { phone, device } = await ready()
    await phone.takeNextCaller(null)
    expect(device.connects[0]?.params).toEqual({})
  })

  it('goes back to ready when the caller hangs up, and ignores the ended call’s late events', async () => {
    const { phone, device, clock } = await ready()
    await phone.takeNextCaller('general')
    const call = device.call
    call.events.accept()
    clock.now += 3_000
    call.events.disconnect()
    expect(phone.getState()).toMatchObject({ status: 'ready', lastCallSeconds: 3 })
    call.events.accept()
    call.events.error({ code: 31005 })
    expect(phone.getState()).toMatchObject({ status: 'ready', lastCallSeconds: 3, problem: null })
  })

  it('hangs up a call still being set up as soon as the SDK hands it over', async () => {
    const { phone, device } = await ready()
    const gate = deferred<void>()
    device.connectResult = () => gate.promise
    const taking = phone.takeNextCaller('general')
    phone.hangUp()
    expect(phone.getState()).toMatchObject({ status: 'ready', lastCallSeconds: null })
    gate.resolve()
    await taking
    expect(device.call.disconnects).toBe(1)
    expect(phone.getState()).toMatchObject({ status: 'ready' })
  })

  it('turning the phone off hangs up and destroys the device; it can be turned on again', async () => {
    const { phone, device, devices } = await ready()
    await phone.takeNextCaller('general')
    device.call.events.accept()
    phone.stop()
    expect(phone.getState()).toEqual({ status: 'offline' })
    expect(device.call.disconnects).toBe(1)
    expect(device.destroyed).toBe(true)
    await phone.start()
    expect(phone.getState().status).toBe('ready')
    expect(devices).toHaveLength(2)
  })

  it('does nothing out of turn', async () => {
    const { phone, device } = await ready()
    phone.hangUp()
    phone.toggleMute()
    await phone.start()
    expect(device.connects).toHaveLength(0)
    expect(phone.getState().status).toBe('ready')
    await phone.takeNextCaller('general')
    await phone.takeNextCaller('complaints')
    expect(device.connects).toHaveLength(1)
  })

  it('follows the registration: unregistered → connecting, registered again → ready', async () => {
    const { phone, device } = await ready()
    device.options.events.unregistered()
    expect(phone.getState()).toEqual({ status: 'connecting', line: LINE })
    device.options.events.registered()
    expect(phone.getState()).toMatchObject({ status: 'ready', line: LINE })
  })
})

describe('softphone: token refresh', () => {
  it('fetches a new token when the SDK says the current one expires soon', async () => {
    const { phone, device } = await ready()
    device.options.events.tokenWillExpire()
    await flush()
    expect(device.tokens).toEqual(['jwt-1', 'jwt-2'])
    expect(phone.getState()).toMatchObject({ status: 'ready', problem: null })
  })

  it('refreshes during a call without disturbing it', async () => {
    const { phone, device } = await ready()
    await phone.takeNextCaller('general')
    device.call.events.accept()
    device.options.events.tokenWillExpire()
    await flush()
    expect(device.tokens).toEqual(['jwt-1', 'jwt-2'])
    expect(phone.getState()).toMatchObject({ status: 'in-call', problem: null })
  })

  it('retries a failed refresh, warns when it gives up, and clears the warning once one works', async () => {
    const failing = async () => {
      throw new NetworkError(new Error('offline'))
    }
    const { phone, device, timers } = await ready({ tokens: [async () => TOKEN, failing, failing, failing, async () => ({ ...TOKEN, token: 'jwt-late' })] })
    device.options.events.tokenWillExpire()
    await flush()
    expect(timers.map((timer) => timer.ms)).toEqual([5_000])
    timers[0]?.callback()
    await flush()
    expect(timers.map((timer) => timer.ms)).toEqual([5_000, 15_000])
    expect(phone.getState()).toMatchObject({ status: 'ready', problem: null })
    timers[1]?.callback()
    await flush()
    expect(timers).toHaveLength(2)
    expect(phone.getState()).toMatchObject({ status: 'ready', problem: { kind: 'refresh-failed' } })
    expect(softphoneStatusText(phone.getState(), en)).toContain('Could not renew the phone’s access')
    device.options.events.tokenWillExpire()
    await flush()
    expect(device.tokens).toEqual(['jwt-1', 'jwt-late'])
    expect(phone.getState()).toMatchObject({ status: 'ready', problem: null })
  })

  it('cancels a pending retry when the phone is turned off', async () => {
    const { phone, device, timers, fetches } = await ready({
      tokens: [
        async () => TOKEN,
        async () => {
          throw new NetworkError(new Error('offline'))
        },
      ],
    })
    device.options.events.tokenWillExpire()
    await flush()
    phone.stop()
    expect(timers[0]?.cleared).toBe(true)
    expect(fetches).toBe(1)
  })

  it('asks a minute ahead, or at 80 % of a short lifetime', () => {
    expect(refreshLeadMs(3600)).toBe(60_000)
    expect(refreshLeadMs(60)).toBe(12_000)
  })
})

describe('softphone: errors in words', () => {
  it('explains a hub without a softphone (404 softphone_not_configured)', async () => {
    const { phone, devices } = setup({
      tokens: [
        async () => {
          throw new ApiError(404, 'softphone_not_configured', 'No voice channel has a softphone configured')
        },
      ],
    })
    await phone.start()
    expect(phone.getState()).toEqual({ status: 'error', problem: { kind: 'not-configured' } })
    expect(devices).toHaveLength(0)
    expect(softphoneStatusText(phone.getState(), en)).toBe(
      'Phone not working. The phone is not set up on this hub. Ask an administrator to configure the softphone of the voice channel.',
    )
    expect(softphoneStatusText(phone.getState(), zh)).toBe('电话无法使用。本系统尚未配置坐席电话。请联系管理员为语音渠道配置软电话。')
  })

  it('explains a network failure, a refusal and an unreadable answer', async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [
        async () => {
          throw new NetworkError(new Error('down'))
        },
        'network',
      ],
      [
        async () => {
          throw new ApiError(403, 'forbidden', 'no')
        },
        'forbidden',
      ],
      [async () => ({ token: '' }), 'server'],
    ]
    for (const [fetchToken, kind] of cases) {
      const { phone } = setup({ tokens: [fetchToken] })
      await phone.start()
      expect(phone.getState()).toMatchObject({ status: 'error', problem: { kind } })
    }
  })

  it('keeps the phone ready when the browser refuses the microphone, and says what to do', async () => {
    const { phone, device } = await ready()
    device.connectResult = async () => {
      throw Object.assign(new Error('Permission denied'), { code: 31401, name: 'PermissionDeniedError' })
    }
    await phone.takeNextCaller('general')
    expect(phone.getState()).toEqual({ status: 'ready', line: LINE, problem: { kind: 'microphone-denied' }, lastCallSeconds: null })
    expect(softphoneStatusText(phone.getState(), en)).toBe(
      'Phone ready. The browser blocked the microphone. Allow this site to use the microphone (the icon in the address bar), then try again.',
    )
    expect(softphoneStatusText(phone.getState(), zh)).toBe('电话已就绪。浏览器禁止了麦克风。请允许本网站使用麦克风（点击地址栏中的图标），然后重试。')
    // The next attempt starts clean.
    device.connectResult = null
    await phone.takeNextCaller('general')
    expect(phone.getState()).toMatchObject({ status: 'dialing' })
  })

  it('ends the call on a call error, with its code', async () => {
    const { phone, device } = await ready()
    await phone.takeNextCaller('general')
    device.call.events.accept()
    device.call.events.error({ code: 31005, message: 'Connection error' })
    expect(phone.getState()).toMatchObject({ status: 'ready', problem: { kind: 'connection', code: '31005' } })
    expect(device.call.disconnects).toBe(1)
    expect(softphoneStatusText(phone.getState(), zh)).toContain('与电话服务的连接已中断（错误 31005）')
  })

  it('stops on a device error while idle (expired token), and starts again cleanly', async () => {
    const { phone, device } = await ready()
    device.options.events.error({ code: 31205 })
    expect(phone.getState()).toEqual({ status: 'error', problem: { kind: 'token-expired', code: '31205' } })
    expect(device.destroyed).toBe(true)
    expect(softphoneStatusText(phone.getState(), en)).toBe('Phone not working. The phone’s access has expired. Turn the phone on again.')
    await phone.start()
    expect(phone.getState().status).toBe('ready')
  })

  it('lets a call finish after a device error, then stops', async () => {
    const { phone, device } = await ready()
    await phone.takeNextCaller('general')
    device.call.events.accept()
    device.options.events.error({ code: 31009 })
    expect(phone.getState()).toMatchObject({ status: 'in-call', problem: { kind: 'connection', code: '31009' } })
    expect(device.destroyed).toBe(false)
    device.call.events.disconnect()
    expect(phone.getState()).toEqual({ status: 'error', problem: { kind: 'connection', code: '31009' } })
    expect(device.destroyed).toBe(true)
  })

  it('reports a refused registration (bad API key or TwiML App)', async () => {
    const { phone, devices } = setup({
      createDevice: async (token, options) => {
        const device = new FakeDevice(token, options)
        device.registerResult = async () => {
          throw { code: 20101, message: 'Invalid access token' }
        }
        devices.push(device)
        return device
      },
    })
    await phone.start()
    expect(phone.getState()).toEqual({ status: 'error', problem: { kind: 'misconfigured', code: '20101' } })
    expect(devices[0]?.destroyed).toBe(true)
    expect(softphoneStatusText(phone.getState(), en)).toContain('Twilio refused the phone’s credentials (error 20101)')
  })

  it('explains a browser without WebRTC and an SDK that failed to download', async () => {
    for (const [error, kind] of [
      [new UnsupportedBrowserError('no webrtc'), 'unsupported-browser'],
      [new SdkLoadError('chunk missing'), 'load-failed'],
    ] as const) {
      const { phone } = setup({
        createDevice: async () => {
          throw error
        },
      })
      await phone.start()
      expect(phone.getState()).toEqual({ status: 'error', problem: { kind } })
    }
  })

  it('drops answers that arrive after the phone was turned off', async () => {
    const gate = deferred<unknown>()
    const { phone, devices } = setup({ tokens: [() => gate.promise] })
    const starting = phone.start()
    expect(phone.getState()).toEqual({ status: 'connecting', line: null })
    phone.stop()
    gate.resolve(TOKEN)
    await starting
    expect(phone.getState()).toEqual({ status: 'offline' })
    expect(devices).toHaveLength(0)
  })

  it('classifies microphone errors from the browser too', () => {
    expect(problemFromTwilio({ name: 'NotAllowedError' }, 'call-failed')).toEqual({ kind: 'microphone-denied' })
    expect(problemFromTwilio({ code: 31402 }, 'call-failed')).toEqual({ kind: 'microphone-unavailable' })
    expect(problemFromTwilio({ code: 12345 }, 'call-failed')).toEqual({ kind: 'call-failed', code: '12345' })
    expect(problemFromTwilio(new Error('?'), 'unknown')).toEqual({ kind: 'unknown' })
  })
})

describe('the call queue to take the next caller from', () => {
  const event = (body: string) => ({ type: 'event', body })
  const queues = ['general', 'complaints']

  it('is the queue the latest queued-call event names', () => {
    const messages = [
      event('[call] incoming call'),
      event('[call] menu 1 → queue general'),
      event('[call] menu 2›1 → queue complaints'),
      { type: 'text', body: '→ queue general' },
    ]
    expect(callQueueFor('general', messages, queues)).toBe('complaints')
  })

  it('ignores queues the line does not have, then falls back to the conversation’s queue, then to none', () => {
    expect(callQueueFor('general', [event('[call] menu 1 → queue removed')], queues)).toBe('general')
    expect(callQueueFor('inbox-only', [], queues)).toBeNull()
  })
})

describe('token answers and durations', () => {
  it('accepts the documented token shape only', () => {
    expect(parseVoiceToken(TOKEN)).toEqual(TOKEN)
    expect(parseVoiceToken({ ...TOKEN, callQueues: undefined })).toEqual({ ...TOKEN, callQueues: [] })
    expect(parseVoiceToken({ ...TOKEN, expiresInSeconds: 0 })).toBeNull()
    expect(parseVoiceToken({ ...TOKEN, identity: '' })).toBeNull()
    expect(parseVoiceToken(null)).toBeNull()
  })

  it('formats call time as m:ss, h:mm:ss from an hour', () => {
    expect(formatCallDuration(0)).toBe('0:00')
    expect(formatCallDuration(65.9)).toBe('1:05')
    expect(formatCallDuration(3600 + 62)).toBe('1:01:02')
  })
})
