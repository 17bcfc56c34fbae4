/**
 * Status is a native radio group styled as tabs (one Tab stop, arrows switch, "2 of 5" read out);
 * channel, priority and label are selects; the search box applies after a short pause and says
 * how many conversations it found (or none) in a polite status line.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Priority } from '../../../server/presenters/dto.js'
import type { ChannelSummary } from '../api/inbox-api.js'
import { useDebounced } from '../hooks/use-debounced.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import { hasNarrowing, type ListFilter, MAX_SEARCH_LENGTH, PRIORITIES, STATUS_FILTERS, type StatusFilter } from '../state/filters.js'

const STATUS_LABELS: Record<StatusFilter, MessageKey> = {
  open: 'status.open',
  pending: 'status.pending',
  snoozed: 'status.snoozed',
  resolved: 'status.resolved',
  all: 'filter.statusAll',
}

const SEARCH_DELAY_MS = 300

interface Props {
  filter: ListFilter
  channels: ChannelSummary[]
  /** Labels seen on loaded conversations, offered in the label filter. */
  labels: readonly string[]
  /** How many conversations the current search found ("50+" when more pages exist); null while loading or without a search. */
  resultCount: string | null
  onChange: (filter: ListFilter) => void
}

export function Segmented<Value extends string>(props: {
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

export function FilterBar({ filter, channels, labels, resultCount, onChange }: Props) {
  const { t } = useI18n()
  const [search, setSearch] = useState(filter.q ?? '')
  const settled = useDebounced(search, SEARCH_DELAY_MS)
  // The latest filter, so a late debounce does not undo a filter chosen meanwhile.
  const latest = useRef({ filter, onChange })
  latest.current = { filter, onChange }
  useEffect(() => {
    const current = latest.current.filter
    if ((current.q ?? '') !== settled.trim()) latest.current.onChange({ ...current, q: settled.trim() })
  }, [settled])

  const searching = Boolean(filter.q?.trim())
  const labelOptions = [...new Set([...labels, ...(filter.label ? [filter.label] : [])])].sort()
  return (
    <div class="filter-bar" role="group" aria-label={t('list.filters')}>
      <div class="search-field" role="search">
        <label for="conversation-search" class="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id="conversation-search"
          type="search"
          data-testid="conversation-search"
          placeholder={t('search.placeholder')}
          maxLength={MAX_SEARCH_LENGTH}
          value={search}
          aria-describedby="search-status"
          onInput={(event) => setSearch(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter searches at once; Escape empties the box (and is not the page's "back to list").
            if (event.key === 'Enter') onChange({ ...filter, q: search.trim() })
            if (event.key === 'Escape' && search) {
              event.preventDefault()
              setSearch('')
              onChange({ ...filter, q: '' })
            }
          }}
        />
      </div>
      <p id="search-status" class="visually-hidden" role="status" data-testid="search-status">
        {searching && resultCount !== null
          ? resultCount === '0'
            ? t('search.none', { q: filter.q ?? '' })
            : t('search.found', { count: resultCount, q: filter.q ?? '' })
          : ''}
      </p>
      <Segmented
        name="status-filter"
        legend={t('filter.status')}
        values={STATUS_FILTERS}
        current={filter.status}
        label={(value) => t(STATUS_LABELS[value])}
        onSelect={(status) => onChange({ ...filter, status })}
      />
      <div class="filter-row">
        <label class="select-filter">
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
        <label class="select-filter">
          <span class="visually-hidden">{t('filter.priority')}</span>
          <select
            data-testid="priority-filter"
            value={filter.priority ?? ''}
            onChange={(event) => onChange({ ...filter, priority: (event.currentTarget.value || null) as Priority | null })}
          >
            <option value="">{t('filter.allPriorities')}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`priority.${priority}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="select-filter">
          <span class="visually-hidden">{t('filter.label')}</span>
          <select data-testid="label-filter" value={filter.label ?? ''} onChange={(event) => onChange({ ...filter, label: event.currentTarget.value || null })}>
            <option value="">{t('filter.allLabels')}</option>
            {labelOptions.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hasNarrowing(filter) && (
        <button
          type="button"
          class="button subtle clear-filters"
          data-testid="clear-filters"
          onClick={() => {
            setSearch('')
            onChange({ ...filter, channel: null, priority: null, label: null, q: '' })
          }}
        >
          {t('filter.clear')}
        </button>
      )}
    </div>
  )
}
