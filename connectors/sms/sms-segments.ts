/**
 * How many SMS segments a text costs (provider-neutral; the inbox can show it as the agent types).
 * - GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table:
 *   160 septets in one segment, 153 per segment once concatenated; extension characters
 *   (^ { } \ [ ~ ] | € and form feed) take an escape septet, so they count 2 and are never split.
 * - UCS-2 otherwise (any Chinese character): 70 UTF-16 units in one segment, 67 per segment once
 *   concatenated; a character outside the BMP (most emoji) is 2 units and is never split.
 * Twilio's "Smart Encoding" (off unless enabled) could turn some Unicode punctuation into GSM-7.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsSegmentCount {
  encoding: SmsEncoding
  segments: number
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text uses. */
  units: number
  /** Capacity of each segment at this length (160/70 for one segment, 153/67 once concatenated). */
  unitsPerSegment: number
}

// 127 characters: the default alphabet without the escape code 0x1B.
const GSM_BASIC = new Set(
  Array.from('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'),
)
const GSM_EXTENDED = new Set(Array.from('\f^{}\\[~]|€'))

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
}

export function isGsm7(text: string): boolean {
  for (const character of text) if (!GSM_BASIC.has(character) && !GSM_EXTENDED.has(character)) return false
  return true
}

export function countSmsSegments(text: string): SmsSegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2'
  const sizes = Array.from(text, (character) => (encoding === 'GSM-7' ? (GSM_EXTENDED.has(character) ? 2 : 1) : character.length))
  const units = sizes.reduce((sum, size) => sum + size, 0)
  const limits = LIMITS[encoding]
  if (units === 0) return { encoding, segments: 0, units, unitsPerSegment: limits.single }
  if (units <= limits.single) return { encoding, segments: 1, units, unitsPerSegment: limits.single }
  // Fill segments greedily: a 2-unit character that does not fit starts the next segment.
  let segments = 1
  let used = 0
  for (const size of sizes) {
    if (used + size > limits.multi) {
      segments += 1
      used = 0
    }
    used += size
  }
  return { encoding, segments, units, unitsPerSegment: limits.multi }
}
