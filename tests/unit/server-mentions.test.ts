import { describe, expect, it } from 'vitest'
import { findMentions } from '../../server/pipeline/mentions.js'

const li = { id: 'u1', name: '李娜' }
const sam = { id: 'u2', name: 'Sam Lee' }
const samuel = { id: 'u3', name: 'Sam' }

describe('findMentions', () => {
  it.each<[string, string, string[]]>([
    ['a Chinese name without spaces around it', '请@李娜核实地址', ['u1']],
    ['a name with a space', '@Sam Lee please call back', ['u2']],
    ['the longest name wins, the shorter one only when written on its own', '@Sam Lee and @Sam', ['u2', 'u3']],
    ['a longer name does not also mention its prefix', '@Sam Lee only', ['u2']],
    ['nobody without an @', '李娜 please look', []],
    ['each colleague once', '@李娜 @李娜', ['u1']],
  ])('%s', (_name, body, expected) => {
    expect(
      findMentions(body, [li, sam, samuel])
        .map((colleague) => colleague.id)
        .sort(),
    ).toEqual([...expected].sort())
  })
})
