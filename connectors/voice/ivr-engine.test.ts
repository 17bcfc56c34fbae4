import { describe, expect, it, vi } from 'vitest'
import { hotlineConfig, MONDAY_MORNING } from './__fixtures__/hotline-ivr.js'
import { type CaseLookup, runIvrStep } from './ivr-engine.js'
import { type CallState, encodeCallState } from './ivr-state.js'
import type { TwimlUrls } from './render-twiml.js'
import { DEFAULT_VOICE_PROMPTS as P } from './voice-defaults.js'

const config = hotlineConfig()
const urls: TwimlUrls = {
  step: (state) => `https://h.example/voice?${encodeCallState(state).toString()}`,
  callback: (route, query) => `https://h.example/${route}?${query.toString()}`,
}
const caseState: CallState = { step: 'case', lang: 'zh-CN', menu: 'main', key: '3', path: '3', tries: 0, n: 3 }

function run(lookupCase: CaseLookup | undefined, options: { digits?: string; lang?: string; timeoutMs?: number } = {}) {
  return runIvrStep({
    config,
    state: { ...caseState, lang: options.lang ?? 'zh-CN' },
    params: { callSid: 'CA1', from: '+8613800000000', digits: options.digits ?? '2025000123' },
    now: MONDAY_MORNING,
    urls,
    lookupCase,
    channelId: 'voice',
    lookupTimeoutMs: options.timeoutMs ?? 200,
  })
}

describe('runIvrStep: case lookup', () => {
  it('asks the lookup with the number and the caller’s language, says the answer in that voice, then replays the menu', async () => {
    const lookupCase = vi.fn<CaseLookup>(async () => 'Case 2025000123 is being handled by the Water Bureau; expect a reply by 12 March.')
    const result = await run(lookupCase, { lang: 'en' })
    expect(lookupCase).toHaveBeenCalledWith('2025000123', 'en', { channel: 'voice', externalId: '+8613800000000' })
    expect(result.lookup).toBe('answered')
    expect(result.twiml).toContain(
      '<Say language="en-US" voice="Polly.Joanna">Case 2025000123 is being handled by the Water Bureau; expect a reply by 12 March.</Say><Gather input="dtmf speech"',
    )
    expect(result.twiml).toContain('step=menu&amp;lang=en&amp;menu=main&amp;path=3&amp;n=4')
    expect(result.plan.events).toEqual([{ name: 'call.case_lookup', caseNumber: '2025000123', path: '3' }])
  })

  it('says the answer as given: braces in it are not placeholders', async () => {
    const result = await run(async () => '工单{A1}已办结。')
    expect(result.twiml).toContain('>工单{A1}已办结。</Say>')
  })

  it('says "not found" when the lookup knows no such case', async () => {
    for (const answer of [undefined, '', '  ']) {
      const result = await run(async () => answer)
      expect(result.lookup).toBe('not_found')
      expect(result.twiml).toContain(`>${P.caseLookupNotFound['zh-CN']}</Say>`)
    }
  })

  it('says "unavailable" when the lookup throws, is too slow, or is not configured', async () => {
    const failing = await run(async () => {
      throw new Error('work orders are down')
    })
    expect(failing.lookup).toBe('unavailable')
    expect(failing.twiml).toContain(`>${P.caseLookupUnavailable['zh-CN']}</Say>`)

    const slow = await run(() => new Promise<string>((resolve) => setTimeout(() => resolve('too late'), 1000)), { timeoutMs: 20 })
    expect(slow.lookup).toBe('unavailable')
    expect(slow.twiml).not.toContain('too late')

    const missing = await run(undefined)
    expect(missing.lookup).toBe('unavailable')
  })

  it('does not call the lookup for an invalid number', async () => {
    const lookupCase = vi.fn<CaseLookup>(async () => 'x')
    const result = await run(lookupCase, { digits: '12' })
    expect(lookupCase).not.toHaveBeenCalled()
    expect(result).not.toHaveProperty('lookup')
    expect(result.twiml).toContain(`>${P.caseLookupInvalid['zh-CN']}</Say>`)
  })
})

describe('runIvrStep: other steps', () => {
  it('renders the plan without touching the lookup', async () => {
    const lookupCase = vi.fn<CaseLookup>()
    const result = await runIvrStep({
      config,
      state: { step: 'queue-wait', lang: 'zh-CN', queue: 'general', path: '1', tries: 0, n: 3 },
      params: { callSid: 'CA1', queueTime: 400 },
      now: MONDAY_MORNING,
      urls,
      lookupCase,
      lookupTimeoutMs: 100,
    })
    expect(result.twiml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Leave/></Response>')
    expect(lookupCase).not.toHaveBeenCalled()
  })
})
