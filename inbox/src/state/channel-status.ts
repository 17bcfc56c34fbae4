/**
 * The admin channel-status view's data: GET /api/admin/channel-status, checked defensively
 * (the endpoint is new, and a malformed entry must not take the page down), plus what changed
 * between two polls so the page can announce it.
 */
import type { Translate } from '../i18n/languages.js'

export const CHANNEL_STATES = ['starting', 'waiting_for_login', 'online', 'offline', 'error', 'webhook'] as const
export type ChannelState = (typeof CHANNEL_STATES)[number]

export interface ChannelStatus {
  id: string
  name: string
  type: string
  /** A known ChannelState, or whatever a newer hub sends (shown verbatim). */
  state: string
  detail?: string
  /** Login code to scan with WeChat (Wechaty channels waiting for login). */
  qrCode?: string
  account?: string
  updatedAt?: string
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)
/** Dates are formatted with Intl, which throws on an invalid one: only valid ones are kept. */
const date = (value: unknown): string | undefined => {
  const iso = text(value)
  return iso && !Number.isNaN(Date.parse(iso)) ? iso : undefined
}

export function parseChannelStatus(payload: unknown): ChannelStatus[] {
  const channels = (payload as { channels?: unknown } | null)?.channels
  if (!Array.isArray(channels)) return []
  return channels.flatMap((entry: unknown): ChannelStatus[] => {
    if (typeof entry !== 'object' || entry === null) return []
    const item = entry as Record<string, unknown>
    const id = text(item.id)
    if (!id) return []
    const optional = { detail: text(item.detail), qrCode: text(item.qrCode), account: text(item.account), updatedAt: date(item.updatedAt) }
    return [
      {
        id,
        name: text(item.name) ?? id,
        type: text(item.type) ?? '',
        state: text(item.state) ?? 'unknown',
        ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
      },
    ]
  })
}

const isKnownState = (state: string): state is ChannelState => (CHANNEL_STATES as readonly string[]).includes(state)

export function channelStateText(state: string, t: Translate): string {
  return isKnownState(state) ? t(`channelState.${state}`) : state
}

/** Channels whose state differs from the previous poll (none on the first poll: the page itself says it all). */
export function changedChannels(previous: readonly ChannelStatus[] | null, next: readonly ChannelStatus[]): ChannelStatus[] {
  if (!previous) return []
  const before = new Map(previous.map((channel) => [channel.id, channel.state]))
  return next.filter((channel) => before.has(channel.id) && before.get(channel.id) !== channel.state)
}
