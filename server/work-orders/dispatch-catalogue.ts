/**
 * The responsibility catalogue (派单目录): which department leads a category in a district,
 * and who co-handles. The most specific line wins: an exact category over a prefix, a longer
 * prefix over a shorter one, a line naming the district over one for all districts.
 */
import type { CatalogueEntry, WorkOrdersConfig } from './work-order-config.js'

export interface Suggestion {
  lead: string
  coHandlers: string[]
  /** Dispatch without waiting for an agent. */
  auto: boolean
}

export function suggestDepartment(config: Pick<WorkOrdersConfig, 'catalogue'>, category: string, district?: string | null): Suggestion | null {
  let best: { entry: CatalogueEntry; score: number } | null = null
  for (const entry of config.catalogue) {
    const categoryScore = matchCategory(entry.category, category)
    if (categoryScore < 0) continue
    if (entry.districts && !(district && entry.districts.includes(district))) continue
    const score = categoryScore * 2 + (entry.districts ? 1 : 0)
    if (!best || score > best.score) best = { entry, score }
  }
  return best ? { lead: best.entry.lead, coHandlers: best.entry.coHandlers, auto: best.entry.auto } : null
}

/** -1: no match; otherwise higher is more specific (an exact code beats every prefix). */
function matchCategory(pattern: string, category: string): number {
  if (!pattern.endsWith('*')) return pattern === category ? 1000 : -1
  const prefix = pattern.slice(0, -1)
  return category.startsWith(prefix) ? prefix.length : -1
}
