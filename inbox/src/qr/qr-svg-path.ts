/** An SVG path for a QR matrix: one rectangle per horizontal run of dark modules, offset by the quiet zone. */
import type { QrMatrix } from './qr-encode.js'

/** Light margin scanners need around the symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4

export function qrSvgPath(matrix: QrMatrix, margin = QUIET_ZONE): string {
  const parts: string[] = []
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue
      let end = x
      while (row[end + 1]) end++
      const length = end - x + 1
      parts.push(`M${x + margin},${y + margin}h${length}v1h-${length}z`)
      x = end
    }
  })
  return parts.join('')
}
