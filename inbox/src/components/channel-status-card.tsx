/** One channel in the admin status view: its state in words (and colour), details, and a login QR code when one waits. */
import { useI18n } from '../i18n/i18n-context.js'
import { CHANNEL_STATES, type ChannelStatus, channelStateText } from '../state/channel-status.js'
import { QrLogin } from './qr-login.js'

export function ChannelStatusCard({ channel }: { channel: ChannelStatus }) {
  const { t, time } = useI18n()
  const variant = (CHANNEL_STATES as readonly string[]).includes(channel.state) ? channel.state : 'unknown'
  const headingId = `channel-status-${channel.id}`
  return (
    <li class="channel-status-card" data-testid="channel-status" data-channel-id={channel.id} data-state={channel.state}>
      <h3 id={headingId}>{channel.name}</h3>
      <dl>
        <dt>{t('channels.state')}</dt>
        <dd>
          <span class={`state-pill state-${variant}`}>{channelStateText(channel.state, t)}</span>
        </dd>
        <dt>{t('channels.type')}</dt>
        <dd>
          <code>{channel.type}</code>
        </dd>
        {channel.account && (
          <>
            <dt>{t('channels.account')}</dt>
            <dd>{channel.account}</dd>
          </>
        )}
        {channel.detail && (
          <>
            <dt>{t('channels.detail')}</dt>
            <dd>{channel.detail}</dd>
          </>
        )}
        {channel.updatedAt && (
          <>
            <dt>{t('channels.updated')}</dt>
            <dd>
              <time dateTime={channel.updatedAt}>{time.full(channel.updatedAt)}</time>
            </dd>
          </>
        )}
      </dl>
      {channel.qrCode && <QrLogin code={channel.qrCode} channelId={channel.id} channelName={channel.name} />}
    </li>
  )
}
