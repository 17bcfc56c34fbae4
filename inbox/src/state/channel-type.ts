/**
 * Channel badges: a colour per channel type and, for types agents know by another name,
 * a label in front of the channel's configured name (公众号 and personal-account bots are both 微信).
 */
import type { MessageKey } from '../i18n/en.js'
import type { Translate } from '../i18n/languages.js'

const VARIANTS: ReadonlyMap<string, string> = new Map([
  ['webchat', 'webchat'],
  ['wechat', 'wechat'],
  ['wechaty', 'wechat'],
  ['sms', 'sms'],
  ['whatsapp', 'whatsapp'],
  ['email', 'email'],
  ['voice', 'voice'],
  ['telegram', 'telegram'],
  ['messenger', 'messenger'],
])

const TYPE_LABELS: ReadonlyMap<string, MessageKey> = new Map([
  ['wechat', 'channelType.wechat'],
  ['wechaty', 'channelType.wechat'],
])

export function channelVariant(type: string): string {
  return VARIANTS.get(type) ?? 'other'
}

/** "微信 · 12345 服务号"; just the name when it already says what the label would. */
export function channelBadgeText(name: string, type: string, t: Translate): string {
  const key = TYPE_LABELS.get(type)
  if (!key) return name
  const label = t(key)
  return name.toLowerCase().includes(label.toLowerCase()) ? name : `${label} · ${name}`
}
