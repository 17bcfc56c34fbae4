/** A small label naming the channel; its colour hints at the channel type, the text carries the meaning. */
const KNOWN_TYPES = new Set(['webchat', 'wechat', 'sms', 'whatsapp', 'email', 'voice', 'telegram', 'messenger'])

export function ChannelBadge({ name, type }: { name: string; type: string }) {
  const variant = KNOWN_TYPES.has(type) ? type : 'other'
  return <span class={`channel-badge channel-${variant}`}>{name}</span>
}
