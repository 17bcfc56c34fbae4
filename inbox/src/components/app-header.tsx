import type { UserDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Softphone } from '../phone/softphone.js'
import { LanguageSwitch } from './language-switch.js'
import { PhoneControl } from './phone-control.js'
import { type View, ViewNav } from './view-nav.js'

interface Props {
  user: UserDto
  onLogout: () => void
  view: View
  /** Only for users who may switch views (admins); without it there is no navigation. */
  onViewChange?: ((view: View) => void) | undefined
  softphone: Softphone
}

export function AppHeader({ user, onLogout, view, onViewChange, softphone }: Props) {
  const { t } = useI18n()
  return (
    <header class="app-header">
      <a class="skip-link" href={view === 'channels' ? '#channel-status' : '#conversation'}>
        {view === 'channels' ? t('app.skipToChannels') : t('app.skipToConversation')}
      </a>
      <h1 class="brand">{t('app.title')}</h1>
      {onViewChange && <ViewNav view={view} onChange={onViewChange} />}
      <div class="header-tools">
        <PhoneControl softphone={softphone} />
        <LanguageSwitch />
        <span class="current-user">{t('header.user', { name: user.name, role: t(`role.${user.role}`) })}</span>
        <button type="button" class="button subtle" data-testid="logout" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  )
}
