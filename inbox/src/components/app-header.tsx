import type { UserDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'
import { LanguageSwitch } from './language-switch.js'

export function AppHeader({ user, onLogout }: { user: UserDto; onLogout: () => void }) {
  const { t } = useI18n()
  return (
    <header class="app-header">
      <a class="skip-link" href="#conversation">
        {t('app.skipToConversation')}
      </a>
      <h1 class="brand">{t('app.title')}</h1>
      <div class="header-tools">
        <LanguageSwitch />
        <span class="current-user">{t('header.user', { name: user.name, role: t(`role.${user.role}`) })}</span>
        <button type="button" class="button subtle" data-testid="logout" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  )
}
