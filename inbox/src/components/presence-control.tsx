/**
 * The agent's own status, next to their name. The colour of the dot repeats what the selected
 * word says (never colour alone); what each status means for routing is in the description.
 */
import { errorText } from '../api/error-text.js'
import type { PresenceControl as PresenceModel } from '../hooks/use-presence.js'
import { useI18n } from '../i18n/i18n-context.js'
import { isPresence, PRESENCES } from '../state/presence.js'

export function PresenceControl({ control }: { control: PresenceModel }) {
  const { t } = useI18n()
  const { presence, error } = control
  return (
    <div class={`presence-control presence-${presence}`} data-presence={presence}>
      <span class="presence-dot" aria-hidden="true" />
      <label>
        <span>{t('presence.label')}</span>
        <select
          data-testid="presence-select"
          value={presence}
          aria-describedby="presence-hint"
          onChange={(event) => {
            const next = event.currentTarget.value
            if (isPresence(next)) control.change(next)
          }}
        >
          {PRESENCES.map((option) => (
            <option key={option} value={option}>
              {t(`presence.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <span id="presence-hint" class="visually-hidden">
        {t('presence.hint')}
      </span>
      {error != null && (
        <span class="presence-error" role="alert" data-testid="presence-error">
          {t('presence.error', { reason: errorText(error, t) })}
        </span>
      )}
    </div>
  )
}
