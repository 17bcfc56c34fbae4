/**
 * Status and assignee filters are native radio groups styled as tabs: one Tab
 * stop each, arrow keys switch, and screen readers announce "2 of 5".
 */
import type { ChannelSummary } from '../api/inbox-api.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import { ASSIGNEE_FILTERS, type AssigneeFilter, type ListFilter, STATUS_FILTERS, type StatusFilter } from '../state/filters.js'

const STATUS_LABELS: Record<StatusFilter, MessageKey> = {
  open: 'status.open',
  pending: 'status.pending',
  snoozed: 'status.snoozed',
  resolved: 'status.resolved',
  all: 'filter.statusAll',
}
const ASSIGNEE_LABELS: Record<AssigneeFilter, MessageKey> = { me: 'assignee.me', unassigned: 'assignee.unassigned', any: 'assignee.any' }

interface Props {
  filter: ListFilter
  channels: ChannelSummary[]
  onChange: (filter: ListFilter) => void
}

function Segmented<Value extends string>(props: {
  name: string
  legend: string
  values: readonly Value[]
  current: Value
  label: (value: Value) => string
  onSelect: (value: Value) => void
}) {
  return (
    <fieldset class="segmented">
      <legend class="visually-hidden">{props.legend}</legend>
      {props.values.map((value) => (
        <label key={value} class="segment">
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={value === props.current}
            data-testid={`${props.name}-${value}`}
            onChange={() => props.onSelect(value)}
          />
          <span>{props.label(value)}</span>
        </label>
      ))}
    </fieldset>
  )
}

export function FilterBar({ filter, channels, onChange }: Props) {
  const { t } = useI18n()
  return (
    <div class="filter-bar" role="group" aria-label={t('list.filters')}>
      <Segmented
        name="status-filter"
        legend={t('filter.status')}
        values={STATUS_FILTERS}
        current={filter.status}
        label={(value) => t(STATUS_LABELS[value])}
        onSelect={(status) => onChange({ ...filter, status })}
      />
      <div class="filter-row">
        <Segmented
          name="assignee-filter"
          legend={t('filter.assignee')}
          values={ASSIGNEE_FILTERS}
          current={filter.assignee}
          label={(value) => t(ASSIGNEE_LABELS[value])}
          onSelect={(assignee) => onChange({ ...filter, assignee })}
        />
        <label class="channel-filter">
          <span class="visually-hidden">{t('filter.channel')}</span>
          <select
            data-testid="channel-filter"
            value={filter.channel ?? ''}
            onChange={(event) => onChange({ ...filter, channel: event.currentTarget.value || null })}
          >
            <option value="">{t('filter.allChannels')}</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  )
}
