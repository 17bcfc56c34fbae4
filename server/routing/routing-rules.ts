/**
 * Routing rules → a decision. Pure: the facts (channel, text, intent, page, tags, language,
 * time) are gathered by the caller, so the same function answers the live pipeline and
 * `npm run routing:explain`, and tests are a table.
 */
import type { Priority } from '../presenters/dto.js'
import { type RoutingRule, WEEKDAYS, type Weekday } from './routing-config.js'

export interface RoutingFacts {
  channelId: string
  channelType: string
  /** The citizen's text so far (the first message, then each new one while unassigned). */
  text: string
  intent?: string | undefined
  /** The widget's host-page path (`/housing/rent`). */
  page?: string | undefined
  tags: readonly string[]
  language?: string | undefined
  at: Date
}

export interface RoutingDecision {
  /** The rules that matched and applied, in order (more than one when rules say `continue`). */
  rules: string[]
  /** The last of them (the one that decided). */
  rule: string
  queue?: string
  priority?: Priority
  labels: string[]
  skills: string[]
}

export interface RuleVerdict {
  rule: string
  matched: boolean
  /** One line per condition: what was asked, and whether the facts meet it. */
  reasons: string[]
}

export interface RoutingExplanation {
  decision: RoutingDecision | null
  verdicts: RuleVerdict[]
}

export function routeConversation(rules: readonly RoutingRule[], facts: RoutingFacts, timeZone: string): RoutingDecision | null {
  return explainRouting(rules, facts, timeZone).decision
}

/** Every rule's verdict up to the one that decided (rules after it were never tried). */
export function explainRouting(rules: readonly RoutingRule[], facts: RoutingFacts, timeZone: string): RoutingExplanation {
  const verdicts: RuleVerdict[] = []
  let decision: RoutingDecision | null = null
  for (const rule of rules) {
    const verdict = judge(rule, facts, timeZone)
    verdicts.push(verdict)
    if (!verdict.matched) continue
    decision = apply(decision, rule)
    if (!rule.continue) break
  }
  return { decision, verdicts }
}

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

/** Adds a matched rule to what earlier `continue` rules decided: first queue stays, highest priority wins, labels and skills add up. */
function apply(previous: RoutingDecision | null, rule: RoutingRule): RoutingDecision {
  const queue = previous?.queue ?? rule.set.queue
  const priorities = [previous?.priority, rule.set.priority].filter((value): value is Priority => value !== undefined)
  const priority = priorities.sort((a, b) => PRIORITIES.indexOf(b) - PRIORITIES.indexOf(a))[0]
  return {
    rules: [...(previous?.rules ?? []), rule.name],
    rule: rule.name,
    ...(queue ? { queue } : {}),
    ...(priority ? { priority } : {}),
    labels: [...new Set([...(previous?.labels ?? []), ...(rule.set.labels ?? [])])],
    skills: [...new Set([...(previous?.skills ?? []), ...(rule.set.skills ?? [])])],
  }
}

function judge(rule: RoutingRule, facts: RoutingFacts, timeZone: string): RuleVerdict {
  const { when } = rule
  const checks: [boolean, string][] = []
  if (when.channels) checks.push(listed('channel', facts.channelId, when.channels))
  if (when.channelTypes) checks.push(listed('channel type', facts.channelType, when.channelTypes))
  if (when.keywords) {
    const text = facts.text.toLowerCase()
    const found = when.keywords.find((keyword) => text.includes(keyword.toLowerCase()))
    checks.push([found !== undefined, found ? `text contains "${found}"` : `text contains none of ${quoteAll(when.keywords)}`])
  }
  if (when.pattern) {
    const match = new RegExp(when.pattern, 'iu').exec(facts.text)
    checks.push([match !== null, match ? `text matches /${when.pattern}/ at "${match[0]}"` : `text does not match /${when.pattern}/`])
  }
  if (when.intents) checks.push(listed('intent', facts.intent, when.intents))
  if (when.pages) {
    const page = facts.page
    const found = page ? when.pages.find((pattern) => pageMatches(pattern, page)) : undefined
    checks.push([
      found !== undefined,
      page ? (found ? `page ${page} matches ${found}` : `page ${page} matches none of ${quoteAll(when.pages)}`) : 'no page known',
    ])
  }
  if (when.tags) {
    const found = when.tags.find((tag) => facts.tags.includes(tag))
    checks.push([found !== undefined, found ? `contact is tagged ${found}` : `contact has none of the tags ${quoteAll(when.tags)}`])
  }
  if (when.languages) {
    const language = facts.language?.toLowerCase()
    const found = language ? when.languages.find((wanted) => language === wanted.toLowerCase() || language.startsWith(`${wanted.toLowerCase()}-`)) : undefined
    checks.push([
      found !== undefined,
      language ? (found ? `language ${language} is ${found}` : `language ${language} is none of ${quoteAll(when.languages)}`) : 'no language known',
    ])
  }
  if (when.time) checks.push(timeCheck(when.time, facts.at, timeZone))
  if (checks.length === 0) checks.push([true, 'no conditions: matches everything'])
  return { rule: rule.name, matched: checks.every(([ok]) => ok), reasons: checks.map(([ok, reason]) => `${ok ? '✓' : '✗'} ${reason}`) }
}

function listed(what: string, value: string | undefined, allowed: readonly string[]): [boolean, string] {
  if (value === undefined) return [false, `no ${what} known (wanted ${quoteAll(allowed)})`]
  const ok = allowed.includes(value)
  return [ok, ok ? `${what} is ${value}` : `${what} ${value} is none of ${quoteAll(allowed)}`]
}

/** A pattern without a star is a path prefix (`/housing` matches `/housing/rent`); a star matches any run of characters. */
export function pageMatches(pattern: string, page: string): boolean {
  if (!pattern.includes('*')) return page === pattern || page.startsWith(pattern.endsWith('/') ? pattern : `${pattern}/`)
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(page)
}

function timeCheck(time: { days?: Weekday[] | undefined; from?: string | undefined; to?: string | undefined }, at: Date, timeZone: string): [boolean, string] {
  const local = localClock(at, timeZone)
  const reasons: string[] = []
  let ok = true
  if (time.days) {
    const onDay = time.days.includes(local.weekday)
    ok &&= onDay
    reasons.push(`${local.weekday} is ${onDay ? '' : 'not '}one of ${time.days.join(', ')}`)
  }
  if (time.from !== undefined && time.to !== undefined) {
    const from = minutesOf(time.from)
    const to = minutesOf(time.to)
    // A window past midnight (22:00-06:00) wraps around.
    const inside = from <= to ? local.minutes >= from && local.minutes < to : local.minutes >= from || local.minutes < to
    ok &&= inside
    reasons.push(`${local.clock} is ${inside ? '' : 'not '}between ${time.from} and ${time.to}`)
  }
  return [ok, `local time (${timeZone}): ${reasons.join('; ')}`]
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>()

function localClock(at: Date, timeZone: string): { weekday: Weekday; minutes: number; clock: string } {
  let formatter = clockFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    clockFormatters.set(timeZone, formatter)
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]))
  const weekday = WEEKDAYS.find((day) => day === parts.weekday?.toLowerCase()) ?? 'mon'
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute), clock: `${parts.hour}:${parts.minute}` }
}

function minutesOf(clock: string): number {
  const [hour = '0', minute = '0'] = clock.split(':')
  return Number(hour) * 60 + Number(minute)
}

function quoteAll(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ')
}
