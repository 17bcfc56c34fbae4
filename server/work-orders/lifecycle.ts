/**
 * The work-order state machine: which action may move a case from which state, who may take
 * it, what it requires, and what it changes. Pure: given the case, the action, the actor and
 * the clock it returns the change (or why not), so every edge is tested as a table and the
 * service only has to store the result in one guarded write.
 */
import type { BusinessCalendar } from '../calendar/index.js'
import type { Actor, Deadline, DeadlineName, HistoryEntry, Rating, WorkOrderAttachment, WorkOrderDoc } from '../models/work-order.js'
import { closeDeadline, isClosed, moveDeadline, openStateAt, startDeadline } from './deadlines.js'
import { FINAL_STATUSES, WITH_DEPARTMENT, WORK_ORDER_STATUSES, type WorkOrderStatus } from './lifecycle-states.js'
import { limitsFor, type WorkOrdersConfig } from './work-order-config.js'

/** Who is acting: hotline staff (agents, supervisors, admins), a department, the citizen, or the hub itself. */
export type Party = 'agent' | 'supervisor' | 'department' | 'citizen' | 'system'

export interface ActionInput {
  comment?: string
  department?: string
  coDepartments?: string[]
  /** Why the department differs from the catalogue's suggestion. */
  overrideReason?: string
  reason?: string
  legalBasis?: string
  text?: string
  attachments?: WorkOrderAttachment[]
  until?: Date
  rating?: Rating
  masterId?: string
}

export interface TransitionContext {
  config: WorkOrdersConfig
  calendar: BusinessCalendar
  now: Date
  /** The catalogue's suggestion for this case (dispatch compares against it). */
  suggestedDepartment?: string | null
  /** For merge: the master case, loaded by the service. */
  master?: Pick<WorkOrderDoc, '_id' | 'number' | 'status'> | null
}

export type Plan =
  | { ok: true; to: WorkOrderStatus; set: Partial<WorkOrderDoc>; entry: Omit<HistoryEntry, '_id'> }
  | { ok: false; status: 400 | 403 | 409; code: string; message: string }

interface ActionSpec {
  from: readonly WorkOrderStatus[]
  /** The new state; same as `from` for overlays (extension, supervision). */
  to: WorkOrderStatus | ((order: WorkOrderDoc) => WorkOrderStatus)
  parties: readonly Party[]
  /** The department acting must be the lead department. */
  leadOnly?: boolean
  /** The department acting must be a co-handler (协办), not the lead. */
  coOnly?: boolean
  /** A refusal (code, message), or null when the action may go ahead. */
  guard?: (order: WorkOrderDoc, input: ActionInput, context: TransitionContext) => [code: string, message: string] | null
  /** What changes besides status and history. */
  apply?: (order: WorkOrderDoc, input: ActionInput, context: TransitionContext, actor: Actor) => Partial<WorkOrderDoc>
}

const needs =
  (field: keyof ActionInput, what: string): NonNullable<ActionSpec['guard']> =>
  (_order, input) => {
    const value = input[field]
    return typeof value === 'string'
      ? value.trim()
        ? null
        : ['missing_input', `${what} is required`]
      : value === undefined
        ? ['missing_input', `${what} is required`]
        : null
  }

const all =
  (...guards: NonNullable<ActionSpec['guard']>[]): NonNullable<ActionSpec['guard']> =>
  (order, input, context) => {
    for (const guard of guards) {
      const refusal = guard(order, input, context)
      if (refusal) return refusal
    }
    return null
  }

/** Dispatch (or re-dispatch) to a department: new sign and return deadlines; the resolve deadline keeps counting from registration. */
function dispatchTo(order: WorkOrderDoc, input: ActionInput, context: TransitionContext, designated: boolean): Partial<WorkOrderDoc> {
  const limits = limitsFor(context.config, order.urgency)
  const share = context.config.atRiskShare
  const deadlines: WorkOrderDoc['deadlines'] = { ...order.deadlines, sign: startDeadline(context.calendar, context.now, limits.sign, share) }
  if (designated) delete deadlines.return
  else deadlines.return = startDeadline(context.calendar, context.now, limits.return, share)
  const department = input.department as string
  const suggested = context.suggestedDepartment ?? null
  return {
    leadDepartment: department,
    coDepartments: (input.coDepartments ?? []).filter((co) => co !== department),
    dispatchCount: order.dispatchCount + 1,
    designated: designated || order.designated,
    dispatchOverride: suggested && suggested !== department ? { suggested, reason: (input.overrideReason ?? '').trim() } : null,
    deadlines,
  }
}

const knownDepartment: NonNullable<ActionSpec['guard']> = (_order, input, context) => {
  const unknown = [input.department, ...(input.coDepartments ?? [])].filter(
    (id) => id !== undefined && !context.config.departments.some((department) => department.id === id),
  )
  return unknown.length === 0 ? null : ['unknown_department', `No department ${unknown.map((id) => `"${id}"`).join(', ')}`]
}

const overrideExplained: NonNullable<ActionSpec['guard']> = (_order, input, context) =>
  context.suggestedDepartment && input.department !== context.suggestedDepartment && !input.overrideReason?.trim()
    ? ['override_reason_required', `The catalogue suggests "${context.suggestedDepartment}"; say why this case goes elsewhere`]
    : null

function closeAll(order: WorkOrderDoc, names: readonly DeadlineName[], at: Date): WorkOrderDoc['deadlines'] {
  const deadlines = { ...order.deadlines }
  for (const name of names) {
    const closed = closeDeadline(deadlines[name], at)
    if (closed) deadlines[name] = closed
  }
  return deadlines
}

export const ACTIONS = {
  dispatch: {
    from: ['registered', 'returned'],
    to: 'dispatched',
    parties: ['agent', 'supervisor', 'system'],
    guard: all(needs('department', 'department'), knownDepartment, overrideExplained, (order, _input, context) =>
      order.returnCount >= context.config.designateAfterReturns
        ? ['designation_required', `Returned ${order.returnCount} times: a supervisor designates the department now`]
        : null,
    ),
    apply: (order, input, context) => dispatchTo(order, input, context, false),
  },
  designate: {
    from: ['returned'],
    to: 'dispatched',
    parties: ['supervisor'],
    guard: all(needs('department', 'department'), knownDepartment, needs('comment', 'a comment')),
    apply: (order, input, context) => dispatchTo(order, { ...input, overrideReason: input.overrideReason ?? input.comment }, context, true),
  },
  sign: {
    from: ['dispatched'],
    to: 'signed',
    parties: ['department'],
    leadOnly: true,
    apply: (order, _input, context) => ({ signedAt: context.now, deadlines: closeAll(order, ['sign', 'return'], context.now) }),
  },
  return: {
    from: ['dispatched'],
    to: 'returned',
    parties: ['department'],
    leadOnly: true,
    guard: all(needs('reason', 'a reason'), needs('legalBasis', 'the legal basis (why this is not your responsibility)'), (order, _input, context) => {
      if (order.designated) return ['designated', 'This case was designated to your department: it cannot be returned']
      const window = order.deadlines.return
      if (window && !isClosed(window) && context.now.getTime() > new Date(window.dueAt).getTime())
        return ['return_window_passed', `Returns were possible until ${new Date(window.dueAt).toISOString()}; the case is yours to handle`]
      return null
    }),
    apply: (order, _input, context) => {
      // The department answered in time; its sign and return clocks stop. The next dispatch starts new ones.
      const deadlines = closeAll(order, ['sign', 'return'], context.now)
      return { returnCount: order.returnCount + 1, deadlines }
    },
  },
  start: { from: ['signed'], to: 'in_progress', parties: ['department'], leadOnly: true },
  reply: {
    from: ['signed', 'in_progress'],
    to: 'replied',
    parties: ['department'],
    leadOnly: true,
    guard: needs('text', 'the reply'),
    apply: (order, input, context, actor) => ({
      repliedAt: context.now,
      replies: [
        ...order.replies,
        {
          _id: `${order._id}-r${order.replies.length + 1}`,
          at: context.now,
          by: actor,
          text: (input.text as string).trim(),
          attachments: input.attachments ?? [],
        },
      ],
      deadlines: closeAll(order, ['resolve'], context.now),
      extension: order.extension?.state === 'pending' ? { ...order.extension, state: 'rejected' } : (order.extension ?? null),
    }),
  },
  send_back: {
    from: ['replied'],
    to: 'in_progress',
    parties: ['agent', 'supervisor'],
    guard: needs('comment', 'what the reply lacks'),
    apply: (order, _input, context) => {
      // The reply did not settle it: the resolve clock runs again, with its original deadline (overdue if it has passed).
      const resolve = order.deadlines.resolve
      return resolve ? { deadlines: { ...order.deadlines, resolve: { ...resolve, state: openStateAt(resolve, context.now), closedAt: null } } } : {}
    },
  },
  approve: { from: ['replied'], to: 'reviewed', parties: ['agent', 'supervisor'] },
  resolve: { from: ['reviewed'], to: 'resolved', parties: ['agent', 'supervisor'], apply: (_order, _input, context) => ({ resolvedAt: context.now }) },
  answer_directly: {
    from: ['registered'],
    to: 'resolved',
    parties: ['agent', 'supervisor'],
    guard: needs('text', 'the answer given'),
    apply: (order, input, context) => ({
      resolvedAt: context.now,
      closingNote: input.text?.trim() ?? null,
      deadlines: closeAll(order, ['resolve'], context.now),
    }),
  },
  not_accept: {
    from: ['registered'],
    to: 'not_accepted',
    parties: ['agent', 'supervisor'],
    guard: needs('text', 'the route the citizen was told (e.g. 110, court, 信访)'),
    apply: (order, input, context) => ({ closingNote: input.text?.trim() ?? null, deadlines: closeAll(order, ['resolve'], context.now) }),
  },
  merge: {
    from: ['registered', 'dispatched', 'returned'],
    to: 'merged',
    parties: ['agent', 'supervisor'],
    guard: all(needs('masterId', 'the master case'), (order, _input, context) => {
      const master = context.master
      if (!master) return ['unknown_master', 'No such master case']
      if (master._id === order._id) return ['invalid_master', 'A case cannot be merged into itself']
      if (FINAL_STATUSES.has(master.status)) return ['invalid_master', `Case ${master.number} is ${master.status}: merge into an open case`]
      return null
    }),
    apply: (order, input, context) => ({ masterId: input.masterId ?? null, deadlines: closeAll(order, ['sign', 'return', 'resolve'], context.now) }),
  },
  ask_follow_up: {
    from: ['resolved'],
    to: 'follow_up',
    parties: ['agent', 'supervisor', 'system'],
    apply: (order, _input, context) => ({ followUp: { ...order.followUp, askedAt: context.now } }),
  },
  rate: {
    from: ['follow_up'],
    to: 'rated',
    parties: ['citizen', 'agent', 'supervisor'],
    guard: all(needs('rating', 'a rating'), (_order, input) =>
      input.rating === 'unsatisfied' && !input.reason?.trim() ? ['missing_input', 'an unsatisfied rating needs a reason'] : null,
    ),
    apply: (order, input, context, actor) => ({
      followUp: { ...order.followUp, answeredAt: context.now, rating: input.rating ?? null, reason: input.reason?.trim() || null, by: actor },
    }),
  },
  redo: {
    from: ['rated'],
    to: 'dispatched',
    parties: ['supervisor'],
    guard: all(
      needs('comment', 'why the complaint stands'),
      (order) => (order.followUp?.rating === 'unsatisfied' ? null : ['not_unsatisfied', 'Only a case rated unsatisfied is redone']),
      knownDepartment,
    ),
    apply: (order, input, context) => {
      // Redone by the same departments unless the supervisor names others.
      const department = input.department ?? order.leadDepartment ?? ''
      const coDepartments = input.coDepartments ?? order.coDepartments
      const limits = limitsFor(context.config, order.urgency)
      const redispatched = dispatchTo(order, { department, coDepartments }, { ...context, suggestedDepartment: null }, order.designated)
      return {
        ...redispatched,
        redoCount: order.redoCount + 1,
        resolvedAt: null,
        repliedAt: null,
        signedAt: null,
        followUp: null,
        deadlines: { ...redispatched.deadlines, resolve: startDeadline(context.calendar, context.now, limits.resolve, context.config.atRiskShare) },
      }
    },
  },
  archive: {
    from: ['rated', 'follow_up'],
    to: 'archived',
    parties: ['agent', 'supervisor', 'system'],
    guard: (order, input) => {
      if (order.status === 'follow_up' && !input.comment?.trim()) return ['missing_input', 'say why the citizen gave no rating (e.g. unreachable)']
      return null
    },
    apply: (_order, _input, context) => ({ archivedAt: context.now }),
  },
  request_extension: {
    from: ['signed', 'in_progress'],
    to: (order) => order.status,
    parties: ['department'],
    leadOnly: true,
    guard: all(needs('reason', 'a reason'), needs('until', 'the new deadline'), (order, input, context) => {
      const resolve = order.deadlines.resolve
      if (order.extension?.state === 'pending') return ['extension_pending', 'An extension request is already waiting for a decision']
      if (!resolve) return ['no_deadline', 'This case has no deadline to extend']
      if (context.now.getTime() > new Date(resolve.dueAt).getTime()) return ['deadline_passed', 'An extension must be requested before the deadline']
      if ((input.until as Date).getTime() <= new Date(resolve.dueAt).getTime()) return ['invalid_until', 'The new deadline must be later than the current one']
      return null
    }),
    apply: (_order, input, _context, actor) => ({
      extension: { state: 'pending', requestedDueAt: input.until as Date, reason: (input.reason as string).trim(), requestedBy: actor },
    }),
  },
  approve_extension: {
    from: ['signed', 'in_progress'],
    to: (order) => order.status,
    parties: ['supervisor'],
    guard: (order) => (order.extension?.state === 'pending' ? null : ['no_extension_request', 'No extension request is waiting']),
    apply: (order, _input, context, actor) => {
      const extension = order.extension as NonNullable<WorkOrderDoc['extension']>
      return {
        extension: { ...extension, state: 'approved', decidedBy: actor },
        deadlines: {
          ...order.deadlines,
          resolve: moveDeadline(context.now, new Date(extension.requestedDueAt), context.config.atRiskShare, context.now),
        },
      }
    },
  },
  reject_extension: {
    from: ['signed', 'in_progress'],
    to: (order) => order.status,
    parties: ['supervisor'],
    guard: all(needs('comment', 'a reason'), (order) =>
      order.extension?.state === 'pending' ? null : ['no_extension_request', 'No extension request is waiting'],
    ),
    apply: (order, _input, _context, actor) => ({
      extension: { ...(order.extension as NonNullable<WorkOrderDoc['extension']>), state: 'rejected', decidedBy: actor },
    }),
  },
  contribute: {
    from: ['dispatched', 'signed', 'in_progress'],
    to: (order) => order.status,
    parties: ['department'],
    coOnly: true,
    guard: needs('text', 'your part of the answer'),
    apply: (order, input, context, actor) => ({
      contributions: [
        ...(order.contributions ?? []),
        { _id: `${order._id}-c${(order.contributions ?? []).length + 1}`, at: context.now, by: actor, text: (input.text as string).trim() },
      ],
    }),
  },
  supervise: {
    from: ['dispatched', 'returned', 'signed', 'in_progress'],
    to: (order) => order.status,
    parties: ['supervisor'],
    guard: needs('comment', 'the instruction'),
    apply: (order, input, context, actor) => ({
      supervision: [...order.supervision, { kind: 'supervise', at: context.now, by: actor, comment: (input.comment as string).trim() }],
    }),
  },
  urge: {
    from: ['dispatched', 'signed', 'in_progress'],
    to: (order) => order.status,
    parties: ['agent', 'supervisor', 'system'],
    guard: needs('comment', 'a message to the department'),
    apply: (order, input, context, actor) => ({
      supervision: [...order.supervision, { kind: 'urge', at: context.now, by: actor, comment: (input.comment as string).trim() }],
    }),
  },
} satisfies Record<string, ActionSpec>

export type WorkOrderAction = keyof typeof ACTIONS
export const WORK_ORDER_ACTIONS = Object.keys(ACTIONS) as WorkOrderAction[]

export function isWorkOrderAction(value: string): value is WorkOrderAction {
  return Object.hasOwn(ACTIONS, value)
}

/** Supervisors may do whatever agents may: they are hotline staff too. */
function partiesOf(spec: ActionSpec): readonly Party[] {
  return spec.parties.includes('agent') && !spec.parties.includes('supervisor') ? [...spec.parties, 'supervisor'] : spec.parties
}

/** What `party` may do to the case now: the inbox shows these as buttons. */
export function availableActions(order: WorkOrderDoc, party: Party, department?: string): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((action) => {
    const spec: ActionSpec = ACTIONS[action]
    if (!spec.from.includes(order.status) || !partiesOf(spec).includes(party)) return false
    if (spec.leadOnly && party === 'department' && order.leadDepartment !== department) return false
    if (spec.coOnly && party === 'department' && !(department && order.coDepartments.includes(department))) return false
    if (action === 'approve_extension' || action === 'reject_extension') return order.extension?.state === 'pending'
    if (action === 'redo') return order.followUp?.rating === 'unsatisfied'
    return true
  })
}

/**
 * Plans `action` on `order`. Supervisors may do what agents may (they are hotline staff too);
 * a department acts only on cases it leads where the action says so.
 */
export function planTransition(order: WorkOrderDoc, action: WorkOrderAction, input: ActionInput, actor: Actor, party: Party, context: TransitionContext): Plan {
  const spec: ActionSpec = ACTIONS[action]
  if (!partiesOf(spec).includes(party)) return { ok: false, status: 403, code: 'forbidden', message: `A ${party} cannot ${action.replaceAll('_', ' ')} a case` }
  if (!spec.from.includes(order.status)) {
    return {
      ok: false,
      status: 409,
      code: 'invalid_transition',
      message: `Cannot ${action.replaceAll('_', ' ')} a case that is ${order.status.replaceAll('_', ' ')}`,
    }
  }
  if (spec.coOnly && party === 'department' && !(actor.department && order.coDepartments.includes(actor.department))) {
    return { ok: false, status: 403, code: 'not_co_department', message: 'Only a co-handling department adds its part' }
  }
  if (spec.leadOnly && party === 'department' && order.leadDepartment !== actor.department) {
    return { ok: false, status: 403, code: 'not_lead_department', message: 'Only the lead department can do this' }
  }
  const refusal = spec.guard?.(order, input, context)
  if (refusal) return { ok: false, status: 400, code: refusal[0], message: refusal[1] }
  const to = typeof spec.to === 'function' ? spec.to(order) : spec.to
  const set = spec.apply?.(order, input, context, actor) ?? {}
  const comment = (input.comment ?? input.reason ?? input.text)?.trim()
  const details = detailsOf(action, input, set)
  return {
    ok: true,
    to,
    set,
    entry: { action, from: order.status, to, actor, at: context.now, ...(comment ? { comment } : {}), ...(details ? { details } : {}) },
  }
}

function detailsOf(action: WorkOrderAction, input: ActionInput, set: Partial<WorkOrderDoc>): Record<string, unknown> | undefined {
  const details: Record<string, unknown> = {}
  if (input.department || set.leadDepartment) details.department = set.leadDepartment ?? input.department
  if (set.coDepartments?.length) details.coDepartments = set.coDepartments
  if (input.overrideReason && set.dispatchOverride) details.override = set.dispatchOverride
  if (input.legalBasis) details.legalBasis = input.legalBasis
  if (input.until) details.until = input.until.toISOString()
  if (input.rating) details.rating = input.rating
  if (input.masterId) details.masterId = input.masterId
  if (action === 'approve_extension' && set.deadlines?.resolve) details.until = new Date(set.deadlines.resolve.dueAt).toISOString()
  return Object.keys(details).length > 0 ? details : undefined
}

/** The deadline states at `now` (what a timed check stores); closed deadlines keep their verdict. */
export function deadlinesAt(order: Pick<WorkOrderDoc, 'deadlines'>, now: Date): WorkOrderDoc['deadlines'] {
  const next: WorkOrderDoc['deadlines'] = {}
  for (const [name, deadline] of Object.entries(order.deadlines) as [DeadlineName, Deadline][]) {
    next[name] = isClosed(deadline) ? deadline : { ...deadline, state: openStateAt(deadline, now) }
  }
  return next
}

export function isOpenStatus(status: WorkOrderStatus): boolean {
  return !FINAL_STATUSES.has(status)
}

export { FINAL_STATUSES, WITH_DEPARTMENT, WORK_ORDER_STATUSES }
