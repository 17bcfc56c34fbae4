import { describe, expect, it } from 'vitest'
import { fill, renderPrompt } from './prompts.js'
import { DEFAULT_VOICE_LANGUAGES } from './voice-defaults.js'

const settings = { languages: DEFAULT_VOICE_LANGUAGES, defaultLanguage: 'zh-CN' }

describe('renderPrompt', () => {
  it('says the text of the call language in that language’s voice', () => {
    expect(renderPrompt({ 'zh-CN': '您好', en: 'Hello' }, 'en', settings)).toEqual([{ kind: 'say', text: 'Hello', language: 'en-US', voice: 'Polly.Joanna' }])
    expect(renderPrompt({ 'zh-CN': '您好', en: 'Hello' }, 'zh-CN', settings)).toEqual([{ kind: 'say', text: '您好', language: 'zh-CN', voice: 'Polly.Zhiyu' }])
  })

  it('falls back to the default language’s text, spoken by the default language’s voice', () => {
    expect(renderPrompt({ 'zh-CN': '您好' }, 'en', settings)).toEqual([{ kind: 'say', text: '您好', language: 'zh-CN', voice: 'Polly.Zhiyu' }])
  })

  it('falls back to the first text when neither language has one', () => {
    expect(renderPrompt({ fr: 'Bonjour' }, 'en', settings)).toEqual([{ kind: 'say', text: 'Bonjour', language: 'fr' }])
  })

  it('plays recordings and honours per-part voice, language and loop', () => {
    const prompt = {
      en: [{ play: 'https://cdn.example/welcome-en.mp3' }, { say: 'Press 1', voice: 'Polly.Matthew', loop: 2 }, { say: '粤语请按3', language: 'zh-HK' }],
    }
    expect(renderPrompt(prompt, 'en', settings)).toEqual([
      { kind: 'play', url: 'https://cdn.example/welcome-en.mp3' },
      { kind: 'say', text: 'Press 1', language: 'en-US', voice: 'Polly.Matthew', loop: 2 },
      { kind: 'say', text: '粤语请按3', language: 'zh-HK' },
    ])
  })

  it('fills variables and is empty for no prompt', () => {
    expect(renderPrompt({ en: 'You are number {position}.' }, 'en', settings, { position: 3 })[0]).toMatchObject({ text: 'You are number 3.' })
    expect(renderPrompt(undefined, 'en', settings)).toEqual([])
  })
})

describe('fill', () => {
  it('drops a missing variable without leaving a double space', () => {
    expect(fill('Our agents are off for the {name} holiday.', {})).toBe('Our agents are off for the holiday.')
    expect(fill('您好，{name}假期期间', { name: '春节' })).toBe('您好，春节假期期间')
  })
})
