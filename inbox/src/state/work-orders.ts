/**
 * Work orders in the inbox, as pure functions: the list's filters and their query, the department
 * view's presets, what each action asks for (and what it cannot go without), deadlines as they
 * stand now, and the catalogue's suggestion. The components only render what these decide.
 */
import type { WorkOrderDeadlineState, WorkOrderDto } from '../../../server/presenters/dto.js'
import { suggestDepartment } from '../../../server/work-orders/dispatch-catalogue.js'
import type { WorkOrderAction } from '../../../server/work-orders/lifecycle.js'
import type { WorkOrderStatus } from '../../../server/work-orders/lifecycle-states.js'
import type { CatalogueEntry } from '../../../server/work-orders/work-order-config.js'
import type { SlaState } from './sla.js'

export type { WorkOrderAction, WorkOrderStatus }

export const PAGE_SIZE = 50

/** Every state, in the order of the 12345 loop (a copy: the server module's values stay out of the bundle). */
export const STATUSES: readonly WorkOrderStatus[] = [
  'registered',
  'dispatched',
  'returned',
  'signed',
  'in_progress',
  'replied',
  'reviewed',
  'resolved',
  'follow_up',
  'rated',
  'archived',
  'not_accepted',
  'merged',
]
const FINAL: ReadonlySet<string> = new Set(['archived', 'not_accepted', 'merged'])
/** Cases still moving: what the hotline works by default. */
export const OPEN_STATUSES: readonly WorkOrderStatus[] = STATUSES.filter((status) => !FINAL.has(status))

export interface WorkOrderFilter {
  /** Empty: every state. */
  status: readonly string[]
  department: string | null
  overdue: boolean
}

/** The hotline's status choice: open cases, every case, or one state. */
export type StatusChoice = 'open' | 'all' | WorkOrderStatus

export function filterForStatusChoice(choice: StatusChoice, rest: Omit<WorkOrderFilter, 'status'>): WorkOrderFilter {
  const status = choice === 'open' ? OPEN_STATUSES : choice === 'all' ? [] : [choice]
  return { ...rest, status }
}

/** The department's tabs: cases to sign, cases being handled, overdue ones, all. */
export const DEPARTMENT_QUEUES = ['to_sign', 'in_progress', 'overdue', 'all'] as const
export type DepartmentQueue = (typeof DEPARTMENT_QUEUES)[number]

export function departmentFilter(queue: DepartmentQueue): WorkOrderFilter {
  switch (queue) {
    case 'to_sign':
      return { status: ['dispatched'], department: null, overdue: false }
    case 'in_progress':
      return { status: ['signed', 'in_progress'], department: null, overdue: false }
    case 'overdue':
      return { status: [], department: null, overdue: true }
    case 'all':
      return { status: [], department: null, overdue: false }
  }
}

export function workOrderQuery(filter: WorkOrderFilter, before: string | null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams({ limit: String(limit) })
  if (filter.status.length > 0) params.set('status', filter.status.join(','))
  if (filter.department) params.set('department', filter.department)
  if (filter.overdue) params.set('overdue', 'true')
  if (before) params.set('before', before)
  return params.toString()
}

/** Whether a changed case can concern this list (a case that left the filter is dropped by the refetch). */
export function mayConcern(filter: WorkOrderFilter, status: string): boolean {
  return filter.status.length === 0 || filter.status.includes(status) || filter.overdue
}

// What each action asks for.

export type ActionInput = 'department' | 'overrideReason' | 'comment' | 'reason' | 'legalBasis' | 'until' | 'rating' | 'master' | 'text'

export interface ActionForm {
  inputs: readonly ActionInput[]
  /** Without these the hub refuses the action. */
  required: readonly ActionInput[]
}

const COMMENT_OPTIONAL: ActionForm = { inputs: ['comment'], required: [] }
const COMMENT_REQUIRED: ActionForm = { inputs: ['comment'], required: ['comment'] }
const TEXT_REQUIRED: ActionForm = { inputs: ['text'], required: ['text'] }

export const ACTION_FORMS: Record<WorkOrderAction, ActionForm> = {
  dispatch: { inputs: ['department', 'overrideReason', 'comment'], required: ['department'] },
  designate: { inputs: ['department', 'comment'], required: ['department', 'comment'] },
  sign: COMMENT_OPTIONAL,
  return: { inputs: ['reason', 'legalBasis'], required: ['reason', 'legalBasis'] },
  start: COMMENT_OPTIONAL,
  reply: TEXT_REQUIRED,
  send_back: COMMENT_REQUIRED,
  approve: COMMENT_OPTIONAL,
  resolve: COMMENT_OPTIONAL,
  answer_directly: TEXT_REQUIRED,
  not_accept: TEXT_REQUIRED,
  merge: { inputs: ['master', 'comment'], required: ['master'] },
  ask_follow_up: COMMENT_OPTIONAL,
  rate: { inputs: ['rating', 'reason'], required: ['rating'] },
  redo: COMMENT_REQUIRED,
  archive: COMMENT_OPTIONAL,
  request_extension: { inputs: ['until', 'reason'], required: ['until', 'reason'] },
  approve_extension: COMMENT_OPTIONAL,
  reject_extension: COMMENT_REQUIRED,
  supervise: COMMENT_REQUIRED,
  urge: COMMENT_REQUIRED,
  contribute: TEXT_REQUIRED,
}

export function actionForm(action: string): ActionForm {
  return isKnownAction(action) ? ACTION_FORMS[action] : COMMENT_OPTIONAL
}

export function isKnownAction(action: string): action is WorkOrderAction {
  return Object.hasOwn(ACTION_FORMS, action)
}

export interface ActionValues {
  department: string
  overrideReason: string
  comment: string
  reason: string
  legalBasis: string
  /** Already read as an instant (the dialog parses the date field in the hub's zone). */
  until: string
  rating: '' | 'satisfied' | 'basically_satisfied' | 'unsatisfied'
  master: string
  text: string
}

export const EMPTY_VALUES: ActionValues = {
  department: '',
  overrideReason: '',
  comment: '',
  reason: '',
  legalBasis: '',
  until: '',
  rating: '',
  master: '',
  text: '',
}

/**
 * The inputs the action still lacks, in form order. Besides the action's own required inputs:
 * a department other than the catalogue's suggestion needs a reason, an unsatisfied rating
 * needs one, and archiving a case whose citizen never answered needs a comment.
 */
export function missingInputs(action: string, values: ActionValues, context: { suggested: string | null; status: string }): ActionInput[] {
  const form = actionForm(action)
  const required = new Set(form.required)
  if (action === 'dispatch' && context.suggested && values.department && values.department !== context.suggested) required.add('overrideReason')
  if (action === 'rate' && values.rating === 'unsatisfied') required.add('reason')
  if (action === 'archive' && context.status === 'follow_up') required.add('comment')
  return form.inputs.filter((input) => required.has(input) && !values[input].trim())
}

/** Whether the field is required for these values (shown as "(required)" and aria-required). */
export function isRequired(action: string, input: ActionInput, values: ActionValues, context: { suggested: string | null; status: string }): boolean {
  return missingInputs(action, { ...values, [input]: '' }, context).includes(input)
}

/** The body the hub reads for this action: only the inputs the action asks for, trimmed, empty ones left out. */
export function actionBody(action: string, values: ActionValues, masterId: string | null): Record<string, string> {
  const body: Record<string, string> = {}
  for (const input of actionForm(action).inputs) {
    if (input === 'master') {
      if (masterId) body.masterId = masterId
      continue
    }
    const value = values[input].trim()
    if (value) body[input] = value
  }
  return body
}

// Deadlines.

export const DEADLINE_NAMES = ['sign', 'return', 'resolve'] as const
export type DeadlineName = (typeof DEADLINE_NAMES)[number]
type Deadline = NonNullable<WorkOrderDto['deadlines'][DeadlineName]>

export interface DeadlineBadge {
  name: DeadlineName
  state: WorkOrderDeadlineState
  dueAt: string
}

/** A deadline's state now: a closed one keeps its verdict; an open one turns at risk and overdue by the clock. */
export function deadlineStateAt(deadline: Deadline, now: number): WorkOrderDeadlineState {
  if (deadline.closedAt || deadline.state === 'met' || deadline.state === 'missed') return deadline.state
  if (now > Date.parse(deadline.dueAt)) return 'overdue'
  if (now >= Date.parse(deadline.atRiskAt)) return 'at_risk'
  return 'running'
}

export function deadlineBadges(order: Pick<WorkOrderDto, 'deadlines'>, now: number): DeadlineBadge[] {
  return DEADLINE_NAMES.flatMap((name) => {
    const deadline = order.deadlines[name]
    return deadline ? [{ name, state: deadlineStateAt(deadline, now), dueAt: deadline.dueAt }] : []
  })
}

const ATTENTION: Partial<Record<WorkOrderDeadlineState, number>> = { overdue: 0, at_risk: 1 }

/** The one badge a list row shows: the most pressing open deadline that needs attention, if any. */
export function rowDeadline(order: Pick<WorkOrderDto, 'deadlines'>, now: number): DeadlineBadge | null {
  const pressing = deadlineBadges(order, now).filter((badge) => ATTENTION[badge.state] !== undefined)
  pressing.sort((a, b) => (ATTENTION[a.state] ?? 9) - (ATTENTION[b.state] ?? 9) || Date.parse(a.dueAt) - Date.parse(b.dueAt))
  return pressing[0] ?? null
}

/** The SLA badge's look for a deadline state (the same colours say the same thing). */
export const DEADLINE_LOOK: Record<WorkOrderDeadlineState, SlaState> = {
  running: 'running',
  at_risk: 'at_risk',
  overdue: 'breached',
  met: 'met',
  missed: 'missed',
}

// Dispatch.

/** The lead department the responsibility catalogue suggests for the case (null: none, or the hub sent no catalogue). */
export function catalogueSuggestion(catalogue: readonly CatalogueEntry[] | undefined, order: Pick<WorkOrderDto, 'category' | 'district'>): string | null {
  if (!catalogue || catalogue.length === 0) return null
  return suggestDepartment({ catalogue: [...catalogue] }, order.category, order.district ?? null)?.lead ?? null
}

/** The co-handling departments the catalogue names for the case (协办). */
export function catalogueCoHandlers(catalogue: readonly CatalogueEntry[] | undefined, order: Pick<WorkOrderDto, 'category' | 'district'>): string[] {
  if (!catalogue || catalogue.length === 0) return []
  return suggestDepartment({ catalogue: [...catalogue] }, order.category, order.district ?? null)?.coHandlers ?? []
}

/** A typed case number, loosely: spaces dropped, so "2026 000123" finds 2026-000123. */
export function normalizeNumberInput(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}
