import { describe, expect, it } from 'vitest'
import { hotlineConfig } from './__fixtures__/hotline-ivr.js'
import { actionAt, type CallState, decodeCallState, encodeCallState, extendPath, initialCallState, MAX_PATH_LENGTH } from './ivr-state.js'

const config = hotlineConfig()
const decode = (query: string) => decodeCallState(new URLSearchParams(query), config)

describe('encodeCallState / decodeCallState', () => {
  it('round-trips a menu state through the query string', () => {
    const state: CallState = { step: 'menu', lang: 'en', menu: 'complaints', path: '2*', tries: 1, n: 4 }
    const query = encodeCallState(state)
    expect(query.toString()).toBe('step=menu&lang=en&menu=complaints&path=2*&tries=1&n=4')
    expect(decodeCallState(query, config)).toEqual(state)
  })

  it('leaves empty values and zero counters out', () => {
    expect(encodeCallState({ step: 'language', lang: 'zh-CN', path: '', tries: 0, n: 0 }).toString()).toBe('step=language&lang=zh-CN')
  })

  it('round-trips case, queue and bridge states (a # in the path is encoded)', () => {
    for (const state of [
      { step: 'case', lang: 'zh-CN', menu: 'main', key: '3', path: '#3', tries: 2, n: 7 },
      { step: 'queue-wait', lang: 'en', queue: 'general', path: '1', tries: 0, n: 3 },
      { step: 'bridge', lang: 'zh-CN', queue: 'complaints', agent: 'agent.wang@hotline', path: '', tries: 0, n: 0 },
    ] satisfies CallState[]) {
      expect(decodeCallState(new URLSearchParams(encodeCallState(state).toString()), config)).toEqual(state)
    }
  })

  it('reads a request without step as a new incoming call in the default language', () => {
    expect(decode('')).toEqual(initialCallState(config))
    expect(decode('')).toEqual({ step: 'incoming', lang: 'zh-CN', path: '', tries: 0, n: 0 })
  })

  it.each([
    ['an unknown step', 'step=transfer'],
    ['a language that is not configured', 'step=enter&menu=main&lang=fr'],
    ['a menu that no longer exists', 'step=menu&menu=old-menu'],
    ['a menu step without a menu', 'step=menu'],
    ['a case step whose key is not a case lookup', 'step=case&menu=main&key=1'],
    ['a case step whose key does not exist', 'step=case&menu=main&key=7'],
    ['a queue that does not exist', 'step=queue-wait&queue=vip'],
    ['a queue step without a queue', 'step=queue-exit'],
    ['an agent id with odd characters', 'step=bridge&queue=general&agent=<script>'],
    ['a path with other characters', 'step=menu&menu=main&path=12a'],
    ['a path that is too long', `step=menu&menu=main&path=${'1'.repeat(MAX_PATH_LENGTH + 1)}`],
    ['a negative or non-numeric counter', 'step=menu&menu=main&tries=-1'],
    ['a huge counter', 'step=menu&menu=main&n=123456'],
    ['a prototype key as menu', 'step=menu&menu=__proto__'],
  ])('refuses %s', (_label, query) => {
    expect(decode(query)).toBeUndefined()
  })
})

describe('actionAt', () => {
  it('finds an option, a menu’s own fallback, or the IVR-wide one', () => {
    expect(actionAt(config, 'main', '3')).toMatchObject({ type: 'caseLookup' })
    expect(actionAt(config, 'complaints', 'fallback')).toEqual({ type: 'voicemail' })
    expect(actionAt(config, 'main', 'fallback')).toEqual({ type: 'hangup' })
    expect(actionAt(config, 'main', '7')).toBeUndefined()
    expect(actionAt(config, 'nowhere', '1')).toBeUndefined()
    expect(actionAt(config, 'main', 'constructor')).toBeUndefined()
  })
})

describe('extendPath', () => {
  it('appends the key and keeps the newest keys', () => {
    expect(extendPath('21', '*')).toBe('21*')
    expect(extendPath('1'.repeat(MAX_PATH_LENGTH), '2')).toBe(`${'1'.repeat(MAX_PATH_LENGTH - 1)}2`)
  })
})
