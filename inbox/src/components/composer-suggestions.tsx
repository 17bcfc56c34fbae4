/**
 * The suggestion list under the reply box (canned responses or colleagues to mention). The box keeps
 * focus and points at the active option with aria-activedescendant; a polite status says how many.
 */
import type { ComposerAssist } from '../hooks/use-composer-assist.js'
import { useI18n } from '../i18n/i18n-context.js'

export function ComposerSuggestions({ assist }: { assist: ComposerAssist }) {
  const { t } = useI18n()
  const first = assist.suggestions[0]
  const kind = first?.kind ?? 'canned'
  return (
    <>
      {assist.open && (
        <ul
          id="composer-suggestions"
          role="listbox"
          class="composer-suggestions"
          aria-label={t(kind === 'canned' ? 'canned.list' : 'mention.list')}
          data-testid="composer-suggestions"
        >
          {assist.suggestions.map((suggestion, index) => (
            <li
              key={suggestion.id}
              id={`composer-suggestion-${index}`}
              role="option"
              // Focus stays in the reply box (aria-activedescendant); -1 keeps options out of the Tab order.
              tabIndex={-1}
              aria-selected={index === assist.activeIndex}
              class={`composer-suggestion${index === assist.activeIndex ? ' active' : ''}`}
              data-testid="composer-suggestion"
              // Keeps focus in the reply box, where typing continues.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => assist.choose(suggestion)}
            >
              {suggestion.kind === 'canned' ? (
                <>
                  <span class="suggestion-key">/{suggestion.response.shortcut}</span> <span>{suggestion.response.title}</span>
                </>
              ) : (
                <span>@{suggestion.person.name}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {assist.open ? t('composer.suggestions', { count: assist.suggestions.length }) : ''}
      </p>
    </>
  )
}
