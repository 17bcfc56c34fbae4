/**
 * Settings: admins edit how queues hand out conversations, who works which queue with how much
 * capacity, and the canned responses; supervisors only the canned responses. With more than one
 * section they are WAI-ARIA tabs (arrow keys, Home and End move between them); every panel stays
 * mounted, so switching back keeps what was loaded.
 */
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { UserDto } from '../../../server/presenters/dto.js'
import type { QueueInfo } from '../api/inbox-api.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import { type SettingsSection, settingsSectionsFor, tabAfterKey } from '../state/settings.js'
import { CannedSettings } from './canned-settings.js'
import { QueueSettingsSection } from './queue-settings.js'
import { UserSettings } from './user-settings.js'

const LABELS: Record<SettingsSection, MessageKey> = { queues: 'settings.queues.title', users: 'settings.users.title', canned: 'settings.canned.title' }

interface Props {
  user: UserDto
  /** Every queue the hub declares (null until GET /api/routing/queues answers). */
  queues: QueueInfo[] | null
  queueName: (id: string) => string
  /** After a canned response was added, changed or removed: the composer's list is reloaded. */
  onCannedChanged: () => void
}

export function SettingsView({ user, queues, queueName, onCannedChanged }: Props) {
  const { t } = useI18n()
  const sections = settingsSectionsFor(user.role)
  const [selected, setSelected] = useState<SettingsSection | undefined>(sections[0])
  const heading = useRef<HTMLHeadingElement>(null)
  // Opening the view moves focus to its heading, so screen readers announce where the user is.
  useEffect(() => heading.current?.focus(), [])

  const panel = (section: SettingsSection) => {
    if (section === 'queues') return <QueueSettingsSection queueName={queueName} />
    if (section === 'users') return <UserSettings queues={queues} queueName={queueName} />
    return <CannedSettings user={user} queues={queues} queueName={queueName} onChanged={onCannedChanged} />
  }

  return (
    <main id="settings" class="settings-pane" tabIndex={-1} aria-labelledby="settings-heading" data-testid="settings-view">
      <h2 id="settings-heading" ref={heading} tabIndex={-1}>
        {t('settings.title')}
      </h2>
      {sections.length > 1 ? (
        <>
          <SectionTabs sections={sections} selected={selected} onSelect={setSelected} />
          {sections.map((section) => (
            <div
              key={section}
              role="tabpanel"
              id={`settings-panel-${section}`}
              aria-labelledby={`settings-tab-${section}`}
              hidden={section !== selected}
              class="settings-panel"
              data-testid={`settings-panel-${section}`}
            >
              {panel(section)}
            </div>
          ))}
        </>
      ) : (
        sections.map((section) => (
          <div key={section} class="settings-panel" data-testid={`settings-panel-${section}`}>
            {panel(section)}
          </div>
        ))
      )}
    </main>
  )
}

function SectionTabs(props: { sections: readonly SettingsSection[]; selected: SettingsSection | undefined; onSelect: (section: SettingsSection) => void }) {
  const { t } = useI18n()
  const { sections, selected, onSelect } = props
  const list = useRef<HTMLDivElement>(null)

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const next = tabAfterKey(sections.indexOf(selected ?? sections[0] ?? 'canned'), sections.length, event.key)
    const section = next === null ? undefined : sections[next]
    if (!section) return
    event.preventDefault()
    onSelect(section)
    list.current?.querySelector<HTMLElement>(`#settings-tab-${section}`)?.focus()
  }

  return (
    <div class="settings-tabs" role="tablist" aria-label={t('settings.sections')} ref={list} onKeyDown={onKeyDown}>
      {sections.map((section) => (
        <button
          key={section}
          type="button"
          role="tab"
          id={`settings-tab-${section}`}
          class="settings-tab"
          aria-selected={section === selected}
          aria-controls={`settings-panel-${section}`}
          tabIndex={section === selected ? 0 : -1}
          data-testid={`settings-tab-${section}`}
          onClick={() => onSelect(section)}
        >
          {t(LABELS[section])}
        </button>
      ))}
    </div>
  )
}
