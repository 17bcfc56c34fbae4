/** A small label naming the channel; its colour hints at the channel type, the text carries the meaning. */
import { useI18n } from '../i18n/i18n-context.js'
import { channelBadgeText, channelVariant } from '../state/channel-type.js'

export function ChannelBadge({ name, type }: { name: string; type: string }) {
  const { t } = useI18n()
  return <span class={`channel-badge channel-${channelVariant(type)}`}>{channelBadgeText(name, type, t)}</span>
}
