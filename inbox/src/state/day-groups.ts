/**
 * Splits an already ordered transcript into runs of the same local day, so the
 * view can put one day heading above each run.
 */
import { localDayKey } from '../i18n/time-format.js'

export interface DayGroup<Item> {
  day: string
  /** Timestamp of the first item, used to format the heading. */
  firstAt: string
  items: Item[]
}

export function groupByDay<Item>(items: readonly Item[], timeOf: (item: Item) => string, dayOf = localDayKey): DayGroup<Item>[] {
  const groups: DayGroup<Item>[] = []
  for (const item of items) {
    const at = timeOf(item)
    const day = dayOf(new Date(at))
    const last = groups.at(-1)
    if (last && last.day === day) last.items.push(item)
    else groups.push({ day, firstAt: at, items: [item] })
  }
  return groups
}
