import { describe, expect, it } from 'vitest'
import { readFrameParams } from '../../widget/src/frame/params.js'
import { chooseLanguage } from '../../widget/src/i18n/languages.js'
import { frameUrl, parseLoaderConfig } from '../../widget/src/loader/script-config.js'

describe('chooseLanguage', () => {
  it('prefers data-lang over the browser', () => {
    expect(chooseLanguage('zh-CN', ['en-US'])).toBe('zh-CN')
    expect(chooseLanguage('en', ['zh-CN'])).toBe('en')
  })

  it('maps regional variants to the supported language', () => {
    expect(chooseLanguage(null, ['zh-TW'])).toBe('zh-CN')
    expect(chooseLanguage(null, ['zh-Hans-CN'])).toBe('zh-CN')
    expect(chooseLanguage(null, ['en-GB', 'zh-CN'])).toBe('en')
  })

  it('falls back to the browser list, then English', () => {
    expect(chooseLanguage('fr', ['zh-CN'])).toBe('zh-CN')
    expect(chooseLanguage(undefined, ['fr-FR', 'de'])).toBe('en')
    expect(chooseLanguage(undefined, [])).toBe('en')
  })
})

describe('loader configuration', () => {
  it('takes HOST from the script src and validates the channel', () => {
    const config = parseLoaderConfig({ src: 'https://hub.example.gov.cn/widget.js?v=2', channel: 'web', lang: undefined }, ['zh-CN'])
    expect(config).toEqual({ host: 'https://hub.example.gov.cn', channel: 'web', lang: 'zh-CN' })
  })

  it('refuses a missing or odd channel and a non-http src', () => {
    expect(parseLoaderConfig({ src: 'https://hub.example/widget.js', channel: undefined, lang: 'en' }, [])).toBeNull()
    expect(parseLoaderConfig({ src: 'https://hub.example/widget.js', channel: 'a b', lang: 'en' }, [])).toBeNull()
    expect(parseLoaderConfig({ src: 'data:text/javascript,1', channel: 'web', lang: 'en' }, [])).toBeNull()
    expect(parseLoaderConfig({ src: '', channel: 'web', lang: 'en' }, [])).toBeNull()
  })

  it('builds the frame URL with the encoded parent origin', () => {
    const url = frameUrl({ host: 'https://hub.example', channel: 'web', lang: 'en' }, 'https://www.city.example:8443')
    expect(url).toBe('https://hub.example/widget/frame.html?channel=web&lang=en&parent=https%3A%2F%2Fwww.city.example%3A8443')
  })
})

describe('frame parameters', () => {
  it('reads what the loader wrote', () => {
    const params = readFrameParams('?channel=web&lang=zh-CN&parent=https%3A%2F%2Fwww.city.example', ['en'])
    expect(params).toEqual({ channelId: 'web', lang: 'zh-CN', parentOrigin: 'https://www.city.example' })
  })

  it('runs stand-alone when the parent is missing or not an origin', () => {
    expect(readFrameParams('?channel=web&lang=en', [])?.parentOrigin).toBeNull()
    expect(readFrameParams('?channel=web&lang=en&parent=*', [])?.parentOrigin).toBeNull()
    expect(readFrameParams('?channel=web&parent=https%3A%2F%2Fa.example%2Fpath', [])?.parentOrigin).toBeNull()
  })

  it('needs a channel', () => {
    expect(readFrameParams('?lang=en', [])).toBeNull()
  })
})
