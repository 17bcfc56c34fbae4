import { useI18n } from '../i18n/i18n-context.js'
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages.js'

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n()
  return (
    <label class="language-switch">
      <span>{t('header.language')}</span>
      <select
        data-testid="language-select"
        value={language}
        onChange={(event) => {
          const next = event.currentTarget.value
          if (isLanguage(next)) setLanguage(next)
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  )
}
