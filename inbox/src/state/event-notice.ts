/**
 * Event messages the hub records for things a citizen did on a channel: `[menu] <intent or key>`
 * for a menu click, `[qr] <scene>` for a QR code scan. The prefix becomes a localized label.
 */
export type EventNotice = { kind: 'menu' | 'qr'; detail: string } | { kind: 'other'; detail: string }

export function eventNotice(body: string): EventNotice {
  const match = /^\[(menu|qr)\][ \t]*([\s\S]*)$/.exec(body)
  if (!match) return { kind: 'other', detail: body }
  return { kind: match[1] === 'menu' ? 'menu' : 'qr', detail: (match[2] ?? '').trim() }
}
