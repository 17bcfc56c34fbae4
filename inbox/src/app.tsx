/** Language, session check, then the login screen, the workspace, or (department staff) the department's work orders. */
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { UserDto } from '../../server/presenters/dto.js'
import { errorText } from './api/error-text.js'
import { ApiError, setUnauthorizedHandler } from './api/http.js'
import { api } from './api/inbox-api.js'
import { DepartmentWorkspace } from './components/department-workspace.js'
import { LoginScreen } from './components/login-screen.js'
import { Workspace } from './components/workspace.js'
import { createI18n, I18nContext } from './i18n/i18n-context.js'
import { initialLanguage, type Language } from './i18n/languages.js'
import { setHubInfo } from './state/hub-info.js'
import { loadPreference, savePreference } from './state/preferences.js'

type Session = { phase: 'checking' } | { phase: 'signed-out'; notice: string | null } | { phase: 'signed-in'; user: UserDto }

export function App() {
  const [language, setLanguageState] = useState<Language>(() => initialLanguage(loadPreference('language'), navigator.languages ?? [navigator.language]))
  const i18n = useMemo(
    () =>
      createI18n(language, (next) => {
        savePreference('language', next)
        setLanguageState(next)
      }),
    [language],
  )
  useEffect(() => {
    document.documentElement.lang = language
    document.title = i18n.t('app.title')
  }, [language, i18n])

  const [session, setSession] = useState<Session>({ phase: 'checking' })
  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ phase: 'signed-out', notice: null }))
    api
      .me()
      .then(({ user, hub }) => {
        setHubInfo(hub)
        setSession({ phase: 'signed-in', user })
      })
      .catch((failure: unknown) => {
        const notice = failure instanceof ApiError && failure.status === 401 ? null : errorText(failure, i18n.t)
        setSession({ phase: 'signed-out', notice })
      })
    return () => setUnauthorizedHandler(null)
  }, [])

  const logout = () => {
    api
      .logout()
      .catch(() => {})
      .finally(() => setSession({ phase: 'signed-out', notice: null }))
  }

  return (
    <I18nContext.Provider value={i18n}>
      {session.phase === 'checking' && (
        <p class="boot-message" role="status">
          {i18n.t('app.loading')}
        </p>
      )}
      {session.phase === 'signed-out' && (
        <LoginScreen
          notice={session.notice}
          onSignedIn={(user) => {
            api
              .me()
              .then(({ hub }) => setHubInfo(hub))
              .catch(() => {})
            setSession({ phase: 'signed-in', user })
          }}
        />
      )}
      {session.phase === 'signed-in' &&
        (session.user.role === 'department' ? (
          <DepartmentWorkspace user={session.user} onLogout={logout} />
        ) : (
          <Workspace user={session.user} onLogout={logout} />
        ))}
    </I18nContext.Provider>
  )
}
