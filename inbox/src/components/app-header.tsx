import type { UserDto } from '../../../server/presenters/dto.js'
import type { PresenceControl as PresenceModel } from '../hooks/use-presence.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Softphone } from '../phone/softphone.js'
import { LanguageSwitch } from './language-switch.js'
import { NotificationOffer } from './notice-region.js'
import { PhoneControl } from './phone-control.js'
import { PresenceControl } from './presence-control.js'
import { type View, ViewNav } from './view-nav.js'

interface Props {
  user: UserDto
  onLogout: () => void
  view: View
  /** The views this user may open; navigation is shown only when there is more than one. */
  views: readonly View[]
  onViewChange: (view: View) => void
  /** Hotline staff only: department staff are not routed calls or conversations. */
  softphone?: Softphone
  presence?: PresenceModel
  /** The keyboard shortcuts are the conversation list's; without it there is no button. */
  onShowShortcuts?: () => void
}

const SKIP_LINKS: Record<View, { href: string; label: MessageKey }> = {
  conversations: { href: '#conversation', label: 'app.skipToConversation' },
  'work-orders': { href: '#work-order', label: 'app.skipToWorkOrders' },
  wallboard: { href: '#wallboard', label: 'app.skipToWallboard' },
  channels: { href: '#channel-status', label: 'app.skipToChannels' },
  settings: { href: '#settings', label: 'app.skipToSettings' },
}

export function AppHeader({ user, onLogout, view, views, onViewChange, softphone, presence, onShowShortcuts }: Props) {
  const { t } = useI18n()
  const skip = SKIP_LINKS[view]
  return (
    <header class="app-header">
      <a class="skip-link" href={skip.href}>
        {t(skip.label)}
      </a>
      <h1 class="brand">{t('app.title')}</h1>
      {views.length > 1 && <ViewNav views={views} view={view} onChange={onViewChange} />}
      <div class="header-tools">
        {presence && <PresenceControl control={presence} />}
        {presence && <NotificationOffer />}
        {softphone && <PhoneControl softphone={softphone} />}
        <LanguageSwitch />
        <span class="current-user">{t('header.user', { name: user.name, role: t(`role.${user.role}`) })}</span>
        {onShowShortcuts && (
          <button type="button" class="button subtle" data-testid="show-shortcuts" onClick={onShowShortcuts}>
            {t('shortcuts.button')}
          </button>
        )}
        <button type="button" class="button subtle" data-testid="logout" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  )
}
