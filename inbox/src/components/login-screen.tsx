import { useState } from 'preact/hooks'
import type { UserDto } from '../../../server/presenters/dto.js'
import { errorText } from '../api/error-text.js'
import { ApiError } from '../api/http.js'
import { api } from '../api/inbox-api.js'
import { useI18n } from '../i18n/i18n-context.js'
import { LanguageSwitch } from './language-switch.js'

export function LoginScreen({ onSignedIn, notice }: { onSignedIn: (user: UserDto) => void; notice?: string | null }) {
  const { t } = useI18n()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(notice ?? null)
  const [submitting, setSubmitting] = useState(false)

  const submit = async (event: Event) => {
    event.preventDefault()
    if (submitting) return
    if (!email.trim() || !password) {
      setError(t('login.missingFields'))
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      const { user } = await api.login(email.trim(), password)
      onSignedIn(user)
    } catch (failure) {
      const invalid = failure instanceof ApiError && failure.status === 401
      setError(invalid ? t('login.invalidCredentials') : errorText(failure, t))
      setPassword('')
      setSubmitting(false)
    }
  }

  return (
    <div class="login-page">
      <div class="login-tools">
        <LanguageSwitch />
      </div>
      <main class="login-card">
        <p class="brand-small">Switchboard</p>
        <h1>{t('login.title')}</h1>
        {/* noValidate: the browser's own bubbles would speak the browser's language, not the chosen one. */}
        <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
          <label for="login-email">{t('login.email')}</label>
          <input
            id="login-email"
            data-testid="login-email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-invalid={error ? true : undefined}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          <label for="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={error ? true : undefined}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          {error && (
            <p id="login-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="button primary" data-testid="login-submit" aria-busy={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  )
}
