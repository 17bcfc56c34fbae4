import { describe, expect, it } from 'vitest'
import { frame as enFrame, launcher as enLauncher } from '../../widget/src/i18n/en.js'
import { frame as zhFrame, launcher as zhLauncher } from '../../widget/src/i18n/zh-CN.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('widget catalogues', () => {
  // Keys are enforced by the type checker; placeholders are not, so a translation cannot silently drop {count}.
  it.each([
    ['launcher', enLauncher, zhLauncher],
    ['frame', enFrame, zhFrame],
  ] as const)('%s strings use the same placeholders in every language', (_part, en, zh) => {
    for (const [key, text] of Object.entries(en)) {
      const other = (zh as Record<string, string>)[key]
      expect(other, key).toBeTypeOf('string')
      expect(placeholders(other ?? ''), key).toEqual(placeholders(text))
    }
  })
})
