import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { PlainInstruction } from './ivr-plan.js'
import { type CallState, encodeCallState } from './ivr-state.js'
import { renderTwiml, type TwimlUrls } from './render-twiml.js'

const BASE = 'https://hotline.example.gov.cn/webhooks/twilio/voice-main'
const urls: TwimlUrls = {
  step: (state) => `${BASE}/voice?${encodeCallState(state).toString()}`,
  callback: (route, query) => `${BASE}/${route}?${query.toString()}`,
}
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseTagValue: false })

/** The TwiML as a list of verbs with attributes, text (entities decoded) and children, for order-sensitive assertions. */
type Node = { verb: string; attributes: Record<string, string>; text?: string; children: Node[] }
function parse(xml: string): Node[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response')).toBe(true)
  const toNodes = (items: Array<Record<string, unknown>>): Node[] =>
    items
      .filter((item) => !('#text' in item) && !('?xml' in item))
      .map((item) => {
        const verb = Object.keys(item).find((key) => key !== ':@') ?? ''
        const content = (item[verb] ?? []) as Array<Record<string, unknown>>
        const text = content.find((child) => '#text' in child)?.['#text']
        return {
          verb,
          attributes: (item[':@'] ?? {}) as Record<string, string>,
          ...(text !== undefined ? { text: String(text) } : {}),
          children: toNodes(content),
        }
      })
  const [response] = toNodes(parser.parse(xml))
  expect(response?.verb).toBe('Response')
  return response?.children ?? []
}

const menuState: CallState = { step: 'menu', lang: 'zh-CN', menu: 'main', path: '2', tries: 1, n: 3 }

describe('renderTwiml', () => {
  it('renders a menu as a Gather with the prompt inside, then a Redirect to the same action', () => {
    const gather: PlainInstruction = {
      kind: 'gather',
      next: menuState,
      input: 'dtmf speech',
      numDigits: 1,
      finishOnKey: '',
      timeoutSeconds: 6,
      speechLanguage: 'cmn-Hans-CN',
      hints: ['投诉', '咨询'],
      pieces: [
        { kind: 'say', text: '咨询请按1 & 投诉请按2', language: 'zh-CN', voice: 'Polly.Zhiyu' },
        { kind: 'play', url: 'https://cdn.example/beep.mp3', loop: 2 },
      ],
    }
    const [gatherNode, redirect, ...rest] = parse(renderTwiml([gather], urls))
    const action = `${BASE}/voice?step=menu&lang=zh-CN&menu=main&path=2&tries=1&n=3`
    expect(gatherNode).toMatchObject({
      verb: 'Gather',
      attributes: {
        input: 'dtmf speech',
        action,
        method: 'POST',
        numDigits: '1',
        finishOnKey: '',
        timeout: '6',
        actionOnEmptyResult: 'true',
        language: 'cmn-Hans-CN',
        speechTimeout: 'auto',
        hints: '投诉, 咨询',
      },
    })
    expect(gatherNode?.children).toEqual([
      { verb: 'Say', attributes: { language: 'zh-CN', voice: 'Polly.Zhiyu' }, text: '咨询请按1 & 投诉请按2', children: [] },
      { verb: 'Play', attributes: { loop: '2' }, text: 'https://cdn.example/beep.mp3', children: [] },
    ])
    expect(redirect).toEqual({ verb: 'Redirect', attributes: { method: 'POST' }, text: action, children: [] })
    expect(rest).toEqual([])
  })

  it('leaves speech attributes out of a DTMF-only Gather', () => {
    const [gatherNode] = parse(
      renderTwiml([{ kind: 'gather', next: menuState, input: 'dtmf', numDigits: 10, finishOnKey: '#', timeoutSeconds: 10, pieces: [] }], urls),
    )
    expect(gatherNode?.attributes).toEqual({
      input: 'dtmf',
      action: `${BASE}/voice?step=menu&lang=zh-CN&menu=main&path=2&tries=1&n=3`,
      method: 'POST',
      numDigits: '10',
      finishOnKey: '#',
      timeout: '10',
      actionOnEmptyResult: 'true',
    })
  })

  it('renders Enqueue with its exit action and wait URL (both POST)', () => {
    const wait: CallState = { step: 'queue-wait', lang: 'en', queue: 'general', path: '1', tries: 0, n: 3 }
    const [node] = parse(renderTwiml([{ kind: 'enqueue', twilioQueue: 'hotline-general', wait, exit: { ...wait, step: 'queue-exit' } }], urls))
    expect(node).toEqual({
      verb: 'Enqueue',
      attributes: {
        action: `${BASE}/voice?step=queue-exit&lang=en&queue=general&path=1&n=3`,
        method: 'POST',
        waitUrl: `${BASE}/voice?step=queue-wait&lang=en&queue=general&path=1&n=3`,
        waitUrlMethod: 'POST',
      },
      text: 'hotline-general',
      children: [],
    })
  })

  it('renders Record with transcription, both callbacks carrying the caller, and the done action', () => {
    const [node] = parse(
      renderTwiml(
        [
          {
            kind: 'record',
            done: { step: 'voicemail-done', lang: 'zh-CN', path: '5', tries: 0, n: 3 },
            callback: { caller: '+8613800000000', lang: 'zh-CN', reason: 'menu' },
            maxLengthSeconds: 120,
            transcribe: true,
            playBeep: true,
            finishOnKey: '#',
            timeoutSeconds: 5,
          },
        ],
        urls,
      ),
    )
    const callbackQuery = 'lang=zh-CN&reason=menu&caller=%2B8613800000000'
    expect(node).toEqual({
      verb: 'Record',
      attributes: {
        action: `${BASE}/voice?step=voicemail-done&lang=zh-CN&path=5&n=3`,
        method: 'POST',
        maxLength: '120',
        playBeep: 'true',
        finishOnKey: '#',
        timeout: '5',
        trim: 'trim-silence',
        recordingStatusCallback: `${BASE}/voice/recording?${callbackQuery}`,
        recordingStatusCallbackMethod: 'POST',
        recordingStatusCallbackEvent: 'completed absent',
        transcribe: 'true',
        transcribeCallback: `${BASE}/voice/transcription?${callbackQuery}`,
      },
      children: [],
    })
  })

  it('leaves the transcription callback out when transcription is off', () => {
    const xml = renderTwiml(
      [
        {
          kind: 'record',
          done: { step: 'voicemail-done', lang: 'en', path: '', tries: 0, n: 1 },
          callback: { lang: 'en', reason: 'closed' },
          maxLengthSeconds: 60,
          transcribe: false,
          playBeep: false,
          finishOnKey: '#',
          timeoutSeconds: 5,
        },
      ],
      urls,
    )
    const [node] = parse(xml)
    expect(node?.attributes.transcribe).toBe('false')
    expect(node?.attributes).not.toHaveProperty('transcribeCallback')
    expect(node?.attributes.recordingStatusCallback).toBe(`${BASE}/voice/recording?lang=en&reason=closed`)
  })

  it('renders Say, Play, Pause, Leave and Hangup in order', () => {
    const xml = renderTwiml(
      [
        { kind: 'say', pieces: [{ kind: 'say', text: 'Hello <there>', language: 'en-US' }] },
        { kind: 'play', url: 'https://cdn.example/hold.mp3' },
        { kind: 'pause', seconds: 30 },
        { kind: 'leave' },
        { kind: 'hangup' },
      ],
      urls,
    )
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">Hello &lt;there&gt;</Say><Play>https://cdn.example/hold.mp3</Play><Pause length="30"/><Leave/><Hangup/></Response>',
    )
  })

  it('renders nothing to do as an empty Response', () => {
    expect(renderTwiml([], urls)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>')
  })
})
