/**
 * Admins' view of every channel's connection: is the WeChat bot logged in, does the webhook
 * channel just wait for pushes. Refreshed every 5 seconds while shown; state changes are
 * announced politely, so an admin who scanned the QR code hears when the bot comes online.
 */
import { useEffect, useRef } from 'preact/hooks'
import { channelStatusErrorText } from '../api/channel-status-error-text.js'
import { useChannelStatus } from '../hooks/use-channel-status.js'
import { useI18n } from '../i18n/i18n-context.js'
import { channelStateText } from '../state/channel-status.js'
import { ChannelStatusCard } from './channel-status-card.js'

export function ChannelStatusView() {
  const { t } = useI18n()
  const { channels, error, changed } = useChannelStatus()
  const heading = useRef<HTMLHeadingElement>(null)
  // Opening the view moves focus to its heading, so screen readers announce where the agent is.
  useEffect(() => heading.current?.focus(), [])

  const errorMessage = error == null ? null : channelStatusErrorText(error, t)
  return (
    <main id="channel-status" class="channel-status-pane" tabIndex={-1} aria-labelledby="channel-status-heading" data-testid="channel-status-view">
      <div class="channel-status-head">
        <h2 id="channel-status-heading" ref={heading} tabIndex={-1}>
          {t('channels.title')}
        </h2>
        <p class="channel-status-hint">{t('channels.refreshHint')}</p>
      </div>
      {errorMessage && (
        <p class="form-error" role="alert" data-testid="channel-status-error">
          {channels ? t('channels.error', { reason: errorMessage }) : errorMessage}
        </p>
      )}
      {channels === null && error == null && <p class="pane-message">{t('channels.loading')}</p>}
      {channels?.length === 0 && <p class="pane-message">{t('channels.empty')}</p>}
      {channels && channels.length > 0 && (
        <ul class="channel-status-list">
          {channels.map((channel) => (
            <ChannelStatusCard key={channel.id} channel={channel} />
          ))}
        </ul>
      )}
      <p class="visually-hidden" role="status" data-testid="channel-status-announcement">
        {changed.map((channel) => t('channels.changed', { name: channel.name, state: channelStateText(channel.state, t) })).join(' ')}
      </p>
    </main>
  )
}
