import { describe, expect, it } from 'vitest'
import { encodeQr, type QrMatrix } from '../../inbox/src/qr/qr-encode.js'
import { qrSvgPath } from '../../inbox/src/qr/qr-svg-path.js'

const render = (matrix: QrMatrix) => matrix.map((row) => row.map((dark) => (dark ? '#' : '.')).join(''))
const version = (matrix: QrMatrix) => (matrix.length - 17) / 4

// Produced by the `qrcode` npm package (byte mode, level M, version 1, mask 2) and checked to decode:
// the encoder was compared with it module for module on every version 1–40 and all eight masks.
const WECHATY_V1_MASK2 = [
  '#######.......#######',
  '#.....#...##..#.....#',
  '#.###.#.##.##.#.###.#',
  '#.###.#.#..#..#.###.#',
  '#.###.#.#.#.#.#.###.#',
  '#.....#.####..#.....#',
  '#######.#.#.#.#######',
  '........#............',
  '#.#####...##..#####..',
  '#.#..#..########.##.#',
  '.###.##...#.#.##.###.',
  '##..##..##.####..####',
  '##.##.#..#..#..##..#.',
  '........#...#...#.###',
  '#######...##.#...#.#.',
  '#.....#.#......#.####',
  '#.###.#.##.#.#.....#.',
  '#.###.#.#..####.#....',
  '#.###.#.###.#.#...#..',
  '#.....#..######..##..',
  '#######.##..#..#...#.',
]

describe('encodeQr', () => {
  it('matches a reference encoder module for module', () => {
    const matrix = encodeQr('wechaty', 2)
    expect(matrix && render(matrix)).toEqual(WECHATY_V1_MASK2)
  })

  it('picks the smallest version that holds the bytes (level M, UTF-8)', () => {
    const sizes = (length: number) => version(encodeQr('x'.repeat(length)) ?? [])
    expect([sizes(14), sizes(15), sizes(26), sizes(27), sizes(42), sizes(43)]).toEqual([1, 2, 2, 3, 3, 4])
    expect(sizes(2331)).toBe(40)
    expect(encodeQr('x'.repeat(2332))).toBeNull()
    // 扫码 is 6 UTF-8 bytes, not 2 characters.
    expect(version(encodeQr('扫码'.repeat(3)) ?? [])).toBe(2)
  })

  it('draws the finder, timing and dark-module patterns on a typical Wechaty login url', () => {
    const matrix = encodeQr('https://login.weixin.qq.com/l/IaysbZa04Q==')
    expect(matrix).not.toBeNull()
    const rows = render(matrix ?? [])
    const size = rows.length
    expect(version(matrix ?? [])).toBe(3)
    for (const [x, y] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      expect(rows.slice(y, y + 7).map((row) => row.slice(x, x + 7))).toEqual(WECHATY_V1_MASK2.slice(0, 7).map((row) => row.slice(0, 7)))
    }
    expect(rows[6]?.slice(8, size - 8)).toMatch(/^#(\.#)+$/)
    expect(rows[size - 8]?.[8]).toBe('#')
  })

  it('is deterministic and rejects impossible masks', () => {
    expect(encodeQr('abc')).toEqual(encodeQr('abc'))
    expect(() => encodeQr('abc', 8)).toThrow(RangeError)
  })
})

describe('qrSvgPath', () => {
  it('draws one rectangle per run of dark modules, inside the quiet zone', () => {
    expect(
      qrSvgPath([
        [true, true, false],
        [false, false, true],
      ]),
    ).toBe('M4,4h2v1h-2zM6,5h1v1h-1z')
    expect(qrSvgPath([[true]], 0)).toBe('M0,0h1v1h-1z')
  })
})
