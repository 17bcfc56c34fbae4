/**
 * A minimal QR code encoder (ISO/IEC 18004): byte mode, UTF-8, error correction level M,
 * versions 1–40. Enough to show a Wechaty login code without a dependency, and without
 * sending the code (a login credential) to a third-party image service.
 *
 * Returns rows of modules (true = dark), without the quiet zone. Pure.
 */

// Error correction level M, indexed by version (index 0 unused).
const ECC_PER_BLOCK = [
  0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  28,
]
const BLOCKS = [
  0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
]
/** Format-information bits for level M. */
const LEVEL_M_BITS = 0b00

export type QrMatrix = boolean[][]

/** Encodes `text`; `mask` (0–7) forces a mask pattern, otherwise the least-penalised one is chosen. Null if it does not fit. */
export function encodeQr(text: string, mask?: number): QrMatrix | null {
  const bytes = new TextEncoder().encode(text)
  const version = smallestVersion(bytes.length)
  if (version === null) return null
  const codewords = withErrorCorrection(dataCodewords(bytes, version), version)
  const grid = new Grid(version)
  grid.drawFunctionPatterns()
  grid.drawCodewords(codewords)
  let chosen = mask ?? 0
  if (mask === undefined) {
    let best = Number.POSITIVE_INFINITY
    for (let candidate = 0; candidate < 8; candidate++) {
      grid.applyMask(candidate)
      grid.drawFormatBits(candidate)
      const score = penalty(grid.modules)
      if (score < best) {
        best = score
        chosen = candidate
      }
      grid.applyMask(candidate) // XOR again: undo
    }
  }
  grid.applyMask(chosen)
  grid.drawFormatBits(chosen)
  return grid.modules
}

function rawDataModules(version: number): number {
  let result = (16 * version + 128) * version + 64
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2
    result -= (25 * align - 10) * align - 55
    if (version >= 7) result -= 36
  }
  return result
}

const dataCapacity = (version: number) => Math.floor(rawDataModules(version) / 8) - (ECC_PER_BLOCK[version] ?? 0) * (BLOCKS[version] ?? 0)
const countBits = (version: number) => (version <= 9 ? 8 : 16)

function smallestVersion(length: number): number | null {
  for (let version = 1; version <= 40; version++) {
    if (4 + countBits(version) + 8 * length <= dataCapacity(version) * 8) return version
  }
  return null
}

function dataCodewords(bytes: Uint8Array, version: number): number[] {
  const bits: number[] = []
  const push = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  push(0b0100, 4) // byte mode
  push(bytes.length, countBits(version))
  for (const byte of bytes) push(byte, 8)
  const capacityBits = dataCapacity(version) * 8
  push(0, Math.min(4, capacityBits - bits.length)) // terminator
  push(0, (8 - (bits.length % 8)) % 8)
  const result: number[] = []
  for (let i = 0; i < bits.length; i += 8) result.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0))
  for (let pad = 0xec; result.length < capacityBits / 8; pad ^= 0xec ^ 0x11) result.push(pad)
  return result
}

function withErrorCorrection(data: number[], version: number): number[] {
  const blockCount = BLOCKS[version] ?? 1
  const eccLength = ECC_PER_BLOCK[version] ?? 0
  const raw = Math.floor(rawDataModules(version) / 8)
  const shortBlocks = blockCount - (raw % blockCount)
  const shortLength = Math.floor(raw / blockCount)
  const divisor = reedSolomonDivisor(eccLength)
  const blocks: number[][] = []
  for (let i = 0, offset = 0; i < blockCount; i++) {
    const length = shortLength - eccLength + (i < shortBlocks ? 0 : 1)
    const block = data.slice(offset, offset + length)
    offset += length
    const ecc = reedSolomonRemainder(block, divisor)
    if (i < shortBlocks) block.push(0) // placeholder so every block has the same length
    blocks.push(block.concat(ecc))
  }
  const result: number[] = []
  for (let i = 0; i < (blocks[0]?.length ?? 0); i++) {
    blocks.forEach((block, j) => {
      if (i !== shortLength - eccLength || j >= shortBlocks) result.push(block[i] ?? 0)
    })
  }
  return result
}

function gfMultiply(x: number, y: number): number {
  let z = 0
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d)
    z ^= ((y >>> i) & 1) * x
  }
  return z
}

function reedSolomonDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0)
  result[degree - 1] = 1
  let root = 1
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(result[j] ?? 0, root) ^ (j + 1 < degree ? (result[j + 1] ?? 0) : 0)
    }
    root = gfMultiply(root, 0x02)
  }
  return result
}

function reedSolomonRemainder(data: number[], divisor: number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0)
  for (const byte of data) {
    const factor = byte ^ (result.shift() ?? 0)
    result.push(0)
    divisor.forEach((coefficient, i) => {
      result[i] = (result[i] ?? 0) ^ gfMultiply(coefficient, factor)
    })
  }
  return result
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
]

class Grid {
  readonly size: number
  readonly modules: QrMatrix
  private readonly reserved: boolean[][]

  constructor(readonly version: number) {
    this.size = version * 4 + 17
    this.modules = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false))
    this.reserved = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false))
  }

  private set(x: number, y: number, dark: boolean): void {
    const row = this.modules[y]
    const reserved = this.reserved[y]
    if (!row || !reserved || x < 0 || x >= this.size) return
    row[x] = dark
    reserved[x] = true
  }

  drawFunctionPatterns(): void {
    for (let i = 0; i < this.size; i++) {
      this.set(6, i, i % 2 === 0)
      this.set(i, 6, i % 2 === 0)
    }
    this.drawFinder(3, 3)
    this.drawFinder(this.size - 4, 3)
    this.drawFinder(3, this.size - 4)
    const positions = this.alignmentPositions()
    const last = positions.length - 1
    for (const [i, y] of positions.entries()) {
      for (const [j, x] of positions.entries()) {
        const nearFinder = (i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)
        if (!nearFinder) this.drawAlignment(x, y)
      }
    }
    this.drawFormatBits(0) // reserves the area; redrawn once the mask is known
    this.drawVersion()
  }

  private drawFinder(cx: number, cy: number): void {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const distance = Math.max(Math.abs(dx), Math.abs(dy))
        if (cy + dy >= 0 && cy + dy < this.size) this.set(cx + dx, cy + dy, distance !== 2 && distance !== 4)
      }
    }
  }

  private drawAlignment(cx: number, cy: number): void {
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) this.set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1)
    }
  }

  private alignmentPositions(): number[] {
    if (this.version === 1) return []
    const count = Math.floor(this.version / 7) + 2
    const step = Math.floor((this.version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2
    const result = [6]
    for (let position = this.size - 7; result.length < count; position -= step) result.splice(1, 0, position)
    return result
  }

  drawFormatBits(mask: number): void {
    const data = (LEVEL_M_BITS << 3) | mask
    let remainder = data
    for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537)
    const bits = ((data << 10) | remainder) ^ 0x5412
    const bit = (i: number) => ((bits >>> i) & 1) === 1
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(i))
    this.set(8, 7, bit(6))
    this.set(8, 8, bit(7))
    this.set(7, 8, bit(8))
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(i))
    for (let i = 0; i < 8; i++) this.set(this.size - 1 - i, 8, bit(i))
    for (let i = 8; i < 15; i++) this.set(8, this.size - 15 + i, bit(i))
    this.set(8, this.size - 8, true)
  }

  private drawVersion(): void {
    if (this.version < 7) return
    let remainder = this.version
    for (let i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25)
    const bits = (this.version << 12) | remainder
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1
      const a = this.size - 11 + (i % 3)
      const b = Math.floor(i / 3)
      this.set(a, b, dark)
      this.set(b, a, dark)
    }
  }

  drawCodewords(codewords: number[]): void {
    let i = 0
    for (let right = this.size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5
      const upward = ((right + 1) & 2) === 0
      for (let step = 0; step < this.size; step++) {
        const y = upward ? this.size - 1 - step : step
        for (let j = 0; j < 2; j++) {
          const x = right - j
          const row = this.modules[y]
          if (!row || this.reserved[y]?.[x] || i >= codewords.length * 8) continue
          row[x] = (((codewords[i >>> 3] ?? 0) >>> (7 - (i & 7))) & 1) === 1
          i++
        }
      }
    }
  }

  applyMask(mask: number): void {
    const invert = MASKS[mask]
    if (!invert) throw new RangeError(`QR mask must be 0–7, not ${mask}`)
    this.modules.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (!this.reserved[y]?.[x] && invert(x, y)) row[x] = !dark
      })
    })
  }
}

/** ISO 18004 penalty rules, simplified where it does not matter: any mask decodes; this only picks a clean one. */
export function penalty(modules: QrMatrix): number {
  const size = modules.length
  const at = (x: number, y: number) => modules[y]?.[x] === true
  let score = 0
  const lines = (horizontal: boolean) => Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (horizontal ? at(j, i) : at(i, j))))
  for (const line of [...lines(true), ...lines(false)]) {
    let run = 1
    for (let i = 1; i <= size; i++) {
      if (i < size && line[i] === line[i - 1]) run++
      else {
        if (run >= 5) score += run - 2
        run = 1
      }
    }
    const text = line.map((dark) => (dark ? '1' : '0')).join('')
    score += 40 * (text.match(/(?=(10111010000|00001011101))/g)?.length ?? 0)
  }
  let dark = 0
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (at(x, y)) dark++
      if (x < size - 1 && y < size - 1 && at(x, y) === at(x + 1, y) && at(x, y) === at(x, y + 1) && at(x, y) === at(x + 1, y + 1)) score += 3
    }
  }
  score += 10 * Math.floor(Math.abs((dark * 100) / (size * size) - 50) / 5)
  return score
}
