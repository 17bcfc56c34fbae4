/**
 * The work-order state machine, edge by edge: every (action, state) pair is either allowed and
 * recorded, or refused with a clear error and no change; guards, deadlines across weekends and
 * holidays, returns and designation, extensions, redo after an unsatisfied follow-up.
 */
import { describe, expect, it } from 'vitest'
import { validateHubConfig } from '../../server/config/load-hub-config.js'
import type { Actor, WorkOrderDoc } from '../../server/models/work-order.js'
import { normalizeCaseNumber } from '../../server/work-orders/case-number.js'
import { workOrderCalendar } from '../../server/work-orders/deadlines.js'
import { suggestDepartment } from '../../server/work-orders/dispatch-catalogue.js'
import {
  ACTIONS,
  type ActionInput,
  availableActions,
  deadlinesAt,
  type Party,
  planTransition,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATUSES,
  type WorkOrderAction,
} from '../../server/work-orders/lifecycle.js'
import type { WorkOrderStatus } from '../../server/work-orders/lifecycle-states.js'

const config = validateHubConfig({
  hub: {
    timezone: 'Asia/Shanghai',
    businessHours: {
      timezone: 'Asia/Shanghai',
      weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
      // National Day 2026: Oct 1–7 off, Sat Oct 10 worked (调休).
      holidays: [{ date: '2026-10-01', until: '2026-10-07' }],
      makeUpWorkdays: [{ date: '2026-10-10' }],
    },
  },
  queues: [{ id: 'general', name: { 'zh-CN': '综合', en: 'General' } }],
  channels: [{ id: 'web', type: 'webchat', name: 'Web', title: { 'zh-CN': '咨询', en: 'Chat' }, greeting: { 'zh-CN': '您好', en: 'Hi' } }],
  workOrders: {
    departments: [
      { id: 'housing', name: { 'zh-CN': '住建局', en: 'Housing' } },
      { id: 'district', name: { 'zh-CN': '区政府', en: 'District' } },
      { id: 'gas', name: { 'zh-CN': '燃气集团', en: 'Gas' } },
    ],
    districts: [{ code: 'east', name: { 'zh-CN': '东区', en: 'East' } }],
    categories: [
      { code: '0301', name: { 'zh-CN': '租赁', en: 'Rent' } },
      { code: '0302', name: { 'zh-CN': '物业', en: 'Property' } },
      { code: '0501', name: { 'zh-CN': '燃气', en: 'Gas' }, urgency: 'life_safety' },
    ],
    catalogue: [
      { category: '03*', lead: 'housing' },
      { category: '0302', districts: ['east'], lead: 'district', coHandlers: ['housing'] },
      { category: '0501', lead: 'gas', auto: true },
    ],
  },
})
const calendar = workOrderCalendar(config)
const hotline: Actor = { type: 'user', id: 'u1', name: 'Agent Li' }
const supervisor: Actor = { type: 'user', id: 'u2', name: 'Supervisor Wang' }
const housing: Actor = { type: 'user', id: 'd1', name: 'Housing clerk', department: 'housing' }
const district: Actor = { type: 'user', id: 'd2', name: 'District clerk', department: 'district' }
const citizen: Actor = { type: 'citizen', id: 'ct1', name: 'Zhang San' }

// Tuesday 2026-09-29 10:00 in Shanghai.
const T0 = new Date('2026-09-29T02:00:00Z')

function order(overrides: Partial<WorkOrderDoc> = {}): WorkOrderDoc {
  return {
    _id: 'wo_1',
    number: '2026-000001',
    status: 'registered',
    version: 1,
    type: 'complaint',
    category: '0301',
    urgency: 'general',
    title: 'Deposit not returned',
    description: 'The landlord keeps my deposit',
    anonymous: false,
    confidential: false,
    fields: {},
    attachments: [],
    citizen: { name: 'Zhang San', phone: '13812345678' },
    source: 'web',
    leadDepartment: null,
    coDepartments: [],
    dispatchCount: 0,
    returnCount: 0,
    designated: false,
    supervision: [],
    replies: [],
    deadlines: {},
    redoCount: 0,
    mergedIds: [],
    history: [],
    createdBy: hotline,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  }
}

function plan(target: WorkOrderDoc, action: WorkOrderAction, input: ActionInput, actor: Actor, party: Party, now = T0, extra: { master?: WorkOrderDoc } = {}) {
  return planTransition(target, action, input, actor, party, {
    config: config.workOrders,
    calendar,
    now,
    suggestedDepartment: suggestDepartment(config.workOrders, target.category, target.district)?.lead ?? null,
    master: extra.master ?? null,
  })
}

/** Inputs that satisfy every action's guards in the state it is tried from. */
const GOOD_INPUT: Record<WorkOrderAction, ActionInput> = {
  dispatch: { department: 'housing' },
  designate: { department: 'housing', comment: 'Housing owns rental deposits (catalogue 03*)' },
  sign: {},
  return: { reason: 'Not ours', legalBasis: 'Art. 5 of the rental regulation' },
  start: {},
  reply: { text: 'The deposit was returned on Oct 2' },
  send_back: { comment: 'Say when the deposit was returned' },
  approve: {},
  resolve: {},
  answer_directly: { text: 'Explained the rules on deposits' },
  not_accept: { text: 'A court case: told the citizen to file with the court' },
  merge: { masterId: 'wo_master' },
  ask_follow_up: {},
  rate: { rating: 'satisfied' },
  redo: { comment: 'The deposit is still not returned' },
  archive: { comment: 'Unreachable three times' },
  request_extension: { reason: 'Waiting for the landlord', until: new Date('2026-10-30T09:00:00Z') },
  approve_extension: {},
  reject_extension: { comment: 'Not justified' },
  supervise: { comment: 'Handle it this week' },
  urge: { comment: 'The citizen called again' },
  contribute: { text: 'The district inspected the building on Oct 3' },
}

const ACTOR_FOR: Record<Party, Actor> = { agent: hotline, supervisor, department: housing, citizen, system: { type: 'system', id: 's', name: 'system' } }

/** A case in `status`, shaped so the action's state-specific guards pass. */
function caseIn(status: WorkOrderStatus): WorkOrderDoc {
  const resolve = { dueAt: new Date('2026-10-20T09:00:00Z'), atRiskAt: new Date('2026-10-18T09:00:00Z'), state: 'running' as const, closedAt: null }
  return order({
    status,
    leadDepartment: status === 'registered' ? null : 'housing',
    deadlines: { resolve },
    returnCount: status === 'returned' ? 1 : 0,
    extension: { state: 'pending', requestedDueAt: new Date('2026-10-30T09:00:00Z'), reason: 'x', requestedBy: housing },
    followUp: { rating: 'unsatisfied', reason: 'Still waiting' },
  })
}

describe('every action from every state', () => {
  const master = order({ _id: 'wo_master', number: '2026-000099', status: 'dispatched' })
  for (const action of WORK_ORDER_ACTIONS) {
    const spec = ACTIONS[action]
    const party: Party = (spec.parties as readonly Party[])[0] as Party
    for (const status of WORK_ORDER_STATUSES) {
      const allowed = (spec.from as readonly WorkOrderStatus[]).includes(status)
      const extended =
        action === 'request_extension'
          ? { ...caseIn(status), extension: null }
          : action === 'contribute'
            ? { ...caseIn(status), coDepartments: ['district'] }
            : caseIn(status)
      // Co-handling parts come from a co-handling department, not the lead.
      const actor = action === 'contribute' ? district : ACTOR_FOR[party]
      it(`${action} from ${status}: ${allowed ? 'allowed and recorded' : 'refused'}`, () => {
        const result = plan(extended, action, GOOD_INPUT[action], actor, party, T0, { master })
        if (allowed) {
          expect(result.ok, JSON.stringify(result)).toBe(true)
          if (!result.ok) return
          expect(result.entry).toMatchObject({ action, from: status, actor, at: T0 })
          expect(WORK_ORDER_STATUSES).toContain(result.to)
        } else {
          expect(result).toMatchObject({ ok: false, status: 409, code: 'invalid_transition' })
        }
      })
    }
  }
})

describe('who may act', () => {
  it('agents may not designate, redo or decide extensions; supervisors may do what agents do', () => {
    expect(plan(caseIn('returned'), 'designate', GOOD_INPUT.designate, hotline, 'agent')).toMatchObject({ ok: false, status: 403 })
    expect(plan(caseIn('rated'), 'redo', GOOD_INPUT.redo, hotline, 'agent')).toMatchObject({ ok: false, status: 403 })
    expect(plan(caseIn('in_progress'), 'approve_extension', {}, hotline, 'agent')).toMatchObject({ ok: false, status: 403 })
    expect(plan(order(), 'dispatch', GOOD_INPUT.dispatch, supervisor, 'supervisor').ok).toBe(true)
  })

  it('only the lead department signs, returns, replies and asks for more time', () => {
    const dispatched = caseIn('dispatched')
    expect(plan(dispatched, 'sign', {}, district, 'department')).toMatchObject({ ok: false, status: 403, code: 'not_lead_department' })
    expect(plan(dispatched, 'sign', {}, housing, 'department').ok).toBe(true)
    expect(plan(dispatched, 'sign', {}, hotline, 'agent')).toMatchObject({ ok: false, status: 403 })
  })

  it('a co-handling department adds its part; the lead and other departments cannot', () => {
    const shared = { ...caseIn('in_progress'), coDepartments: ['district'] }
    const added = plan(shared, 'contribute', GOOD_INPUT.contribute, district, 'department')
    expect(added).toMatchObject({ ok: true, to: 'in_progress' })
    expect(added.ok && added.set.contributions).toEqual([expect.objectContaining({ by: district, text: 'The district inspected the building on Oct 3' })])
    expect(plan(shared, 'contribute', GOOD_INPUT.contribute, housing, 'department')).toMatchObject({ ok: false, status: 403, code: 'not_co_department' })
    expect(plan(shared, 'contribute', { text: ' ' }, district, 'department')).toMatchObject({ ok: false, status: 400 })
    expect(availableActions(shared, 'department', 'district')).toEqual(['contribute'])
    expect(availableActions(shared, 'department', 'housing')).toEqual(['reply', 'request_extension'])
  })

  it('the citizen can only rate', () => {
    for (const action of WORK_ORDER_ACTIONS.filter((candidate) => candidate !== 'rate')) {
      const result = plan(caseIn((ACTIONS[action].from as readonly WorkOrderStatus[])[0] as WorkOrderStatus), action, GOOD_INPUT[action], citizen, 'citizen')
      expect(result, action).toMatchObject({ ok: false, status: 403 })
    }
  })

  it('lists what each party may do now', () => {
    expect(availableActions(caseIn('dispatched'), 'department', 'housing')).toEqual(['sign', 'return'])
    expect(availableActions(caseIn('dispatched'), 'department', 'district')).toEqual([])
    expect(availableActions(caseIn('registered'), 'agent')).toEqual(['dispatch', 'answer_directly', 'not_accept', 'merge'])
    expect(availableActions(caseIn('in_progress'), 'supervisor')).toContain('approve_extension')
  })
})

describe('dispatch and the catalogue', () => {
  it('suggests the most specific line: exact category and district over a prefix', () => {
    expect(suggestDepartment(config.workOrders, '0302', 'east')).toEqual({ lead: 'district', coHandlers: ['housing'], auto: false })
    expect(suggestDepartment(config.workOrders, '0302', null)?.lead).toBe('housing')
    expect(suggestDepartment(config.workOrders, '0501', null)).toMatchObject({ lead: 'gas', auto: true })
    expect(suggestDepartment(config.workOrders, '9999', null)).toBeNull()
  })

  it('needs a reason to go against the catalogue, and records it', () => {
    expect(plan(order(), 'dispatch', { department: 'district' }, hotline, 'agent')).toMatchObject({ ok: false, code: 'override_reason_required' })
    const result = plan(order(), 'dispatch', { department: 'district', overrideReason: 'The building is district-owned' }, hotline, 'agent')
    expect(result.ok && result.set.dispatchOverride).toEqual({ suggested: 'housing', reason: 'The building is district-owned' })
    expect(result.ok && result.entry.details).toMatchObject({ department: 'district' })
  })

  it('refuses an unknown department and changes nothing', () => {
    const target = order()
    const before = structuredClone(target)
    expect(plan(target, 'dispatch', { department: 'police' }, hotline, 'agent')).toMatchObject({ ok: false, status: 400, code: 'unknown_department' })
    expect(target).toEqual(before)
  })

  it('starts sign and return clocks in working days, skipping the National Day holiday', () => {
    // Wednesday Sep 30, 10:00: one working day later is Thu Oct 8 17:00 (Oct 1–7 off).
    const result = plan(order(), 'dispatch', { department: 'housing' }, hotline, 'agent', new Date('2026-09-30T02:00:00Z'))
    expect(result.ok && result.set.deadlines?.sign?.dueAt.toISOString()).toBe('2026-10-08T09:00:00.000Z')
    expect(result.ok && result.set.deadlines?.return?.dueAt.toISOString()).toBe('2026-10-08T09:00:00.000Z')
  })

  it('a life-safety case must be signed within 15 minutes, around the clock', () => {
    const saturdayNight = new Date('2026-10-03T15:00:00Z')
    const result = plan(order({ urgency: 'life_safety', category: '0501' }), 'dispatch', { department: 'gas' }, hotline, 'agent', saturdayNight)
    expect(result.ok && result.set.deadlines?.sign?.dueAt.toISOString()).toBe('2026-10-03T15:15:00.000Z')
  })

  it('counts a Friday-evening dispatch from the next working day (over the weekend)', () => {
    // Fri Sep 25 18:00 → Mon Sep 28 17:00.
    const result = plan(order(), 'dispatch', { department: 'housing' }, hotline, 'agent', new Date('2026-09-25T10:00:00Z'))
    expect(result.ok && result.set.deadlines?.sign?.dueAt.toISOString()).toBe('2026-09-28T09:00:00.000Z')
  })

  it('counts the 调休 Saturday as a working day', () => {
    // Fri Oct 9 10:00 → Sat Oct 10 (make-up workday) 17:00.
    const result = plan(order(), 'dispatch', { department: 'housing' }, hotline, 'agent', new Date('2026-10-09T02:00:00Z'))
    expect(result.ok && result.set.deadlines?.sign?.dueAt.toISOString()).toBe('2026-10-10T09:00:00.000Z')
  })
})

describe('returns and designation', () => {
  const dispatchedAt = T0
  const dispatched = () => {
    const result = plan(order(), 'dispatch', { department: 'housing' }, hotline, 'agent', dispatchedAt)
    if (!result.ok) throw new Error(result.message)
    return order({ ...result.set, status: 'dispatched' })
  }

  it('a return needs a reason and the legal basis', () => {
    expect(plan(dispatched(), 'return', { reason: 'Not ours' }, housing, 'department')).toMatchObject({ ok: false, code: 'missing_input' })
    const result = plan(dispatched(), 'return', GOOD_INPUT.return, housing, 'department')
    expect(result).toMatchObject({ ok: true, to: 'returned', set: { returnCount: 1 } })
    expect(result.ok && result.entry.details).toMatchObject({ legalBasis: 'Art. 5 of the rental regulation' })
  })

  it('a return after the window is refused', () => {
    const late = new Date('2026-10-09T02:00:00Z')
    expect(plan(dispatched(), 'return', GOOD_INPUT.return, housing, 'department', late)).toMatchObject({ ok: false, code: 'return_window_passed' })
  })

  it('after three returns the department is designated and cannot return again', () => {
    const returnedThrice = order({ status: 'returned', returnCount: 3 })
    expect(plan(returnedThrice, 'dispatch', { department: 'housing' }, hotline, 'agent')).toMatchObject({ ok: false, code: 'designation_required' })
    const designated = plan(returnedThrice, 'designate', GOOD_INPUT.designate, supervisor, 'supervisor')
    expect(designated).toMatchObject({ ok: true, to: 'dispatched', set: { designated: true, leadDepartment: 'housing' } })
    expect(designated.ok && designated.set.deadlines?.return).toBeUndefined()
    const next = order({ ...(designated.ok ? designated.set : {}), status: 'dispatched' })
    expect(plan(next, 'return', GOOD_INPUT.return, housing, 'department')).toMatchObject({ ok: false, code: 'designated' })
  })
})

describe('extensions', () => {
  const resolve = { dueAt: new Date('2026-10-20T09:00:00Z'), atRiskAt: new Date('2026-10-18T09:00:00Z'), state: 'running' as const, closedAt: null }
  const inProgress = order({ status: 'in_progress', leadDepartment: 'housing', deadlines: { resolve } })

  it('must be asked before the deadline, for a later date', () => {
    expect(plan(inProgress, 'request_extension', GOOD_INPUT.request_extension, housing, 'department', new Date('2026-10-21T00:00:00Z'))).toMatchObject({
      ok: false,
      code: 'deadline_passed',
    })
    expect(plan(inProgress, 'request_extension', { reason: 'x', until: new Date('2026-10-19T00:00:00Z') }, housing, 'department')).toMatchObject({
      ok: false,
      code: 'invalid_until',
    })
  })

  it('approval moves the deadline; rejection keeps it', () => {
    const asked = plan(inProgress, 'request_extension', GOOD_INPUT.request_extension, housing, 'department')
    expect(asked).toMatchObject({ ok: true, to: 'in_progress' })
    const pending = order({ ...inProgress, ...(asked.ok ? asked.set : {}) })
    expect(plan(pending, 'request_extension', GOOD_INPUT.request_extension, housing, 'department')).toMatchObject({ ok: false, code: 'extension_pending' })
    const approved = plan(pending, 'approve_extension', {}, supervisor, 'supervisor')
    expect(approved.ok && approved.set.deadlines?.resolve?.dueAt.toISOString()).toBe('2026-10-30T09:00:00.000Z')
    expect(approved.ok && approved.set.extension?.state).toBe('approved')
    const rejected = plan(pending, 'reject_extension', { comment: 'No' }, supervisor, 'supervisor')
    expect(rejected.ok && rejected.set.extension?.state).toBe('rejected')
    expect(rejected.ok && rejected.set.deadlines).toBeUndefined()
  })
})

describe('reply, review, follow-up and redo', () => {
  const resolve = { dueAt: new Date('2026-10-20T09:00:00Z'), atRiskAt: new Date('2026-10-18T09:00:00Z'), state: 'running' as const, closedAt: null }

  it('a reply on time meets the resolve deadline; a late one misses it', () => {
    const signed = order({ status: 'signed', leadDepartment: 'housing', deadlines: { resolve } })
    const onTime = plan(signed, 'reply', GOOD_INPUT.reply, housing, 'department')
    expect(onTime.ok && onTime.set.deadlines?.resolve?.state).toBe('met')
    const late = plan(signed, 'reply', GOOD_INPUT.reply, housing, 'department', new Date('2026-10-21T00:00:00Z'))
    expect(late.ok && late.set.deadlines?.resolve?.state).toBe('missed')
    expect(late.ok && late.set.replies?.[0]).toMatchObject({ text: 'The deposit was returned on Oct 2', by: housing })
  })

  it('an unsatisfied rating needs a reason; redo only after one, re-dispatching with fresh deadlines', () => {
    const asking = order({ status: 'follow_up', leadDepartment: 'housing', deadlines: { resolve: { ...resolve, state: 'met' } } })
    expect(plan(asking, 'rate', { rating: 'unsatisfied' }, citizen, 'citizen')).toMatchObject({ ok: false, code: 'missing_input' })
    const rated = plan(asking, 'rate', { rating: 'unsatisfied', reason: 'Still no deposit' }, citizen, 'citizen')
    expect(rated).toMatchObject({ ok: true, to: 'rated' })
    const ratedCase = order({ ...asking, ...(rated.ok ? rated.set : {}), status: 'rated' })
    const redo = plan(ratedCase, 'redo', GOOD_INPUT.redo, supervisor, 'supervisor', new Date('2026-10-22T02:00:00Z'))
    expect(redo).toMatchObject({ ok: true, to: 'dispatched', set: { redoCount: 1, leadDepartment: 'housing', followUp: null } })
    expect(redo.ok && redo.set.deadlines?.resolve?.state).toBe('running')
    const satisfied = order({ ...ratedCase, followUp: { rating: 'satisfied' } })
    expect(plan(satisfied, 'redo', GOOD_INPUT.redo, supervisor, 'supervisor')).toMatchObject({ ok: false, code: 'not_unsatisfied' })
  })

  it('archiving an unanswered follow-up needs a note', () => {
    expect(plan(order({ status: 'follow_up' }), 'archive', {}, hotline, 'agent')).toMatchObject({ ok: false, code: 'missing_input' })
    expect(plan(order({ status: 'rated', followUp: { rating: 'satisfied' } }), 'archive', {}, hotline, 'agent')).toMatchObject({ ok: true, to: 'archived' })
  })

  it('merging needs an open master that is not the case itself', () => {
    const target = order()
    expect(plan(target, 'merge', { masterId: 'wo_1' }, hotline, 'agent', T0, { master: target })).toMatchObject({ ok: false, code: 'invalid_master' })
    const closed = order({ _id: 'wo_2', status: 'archived' })
    expect(plan(target, 'merge', { masterId: 'wo_2' }, hotline, 'agent', T0, { master: closed })).toMatchObject({ ok: false, code: 'invalid_master' })
  })
})

describe('deadline states over time', () => {
  it('running → at risk → overdue; closed ones keep their verdict', () => {
    const deadlines = {
      sign: { dueAt: new Date('2026-10-08T09:00:00Z'), atRiskAt: new Date('2026-10-08T07:00:00Z'), state: 'running' as const, closedAt: null },
      resolve: { dueAt: new Date('2026-10-01T00:00:00Z'), atRiskAt: new Date('2026-09-30T00:00:00Z'), state: 'met' as const, closedAt: T0 },
    }
    expect(deadlinesAt({ deadlines }, new Date('2026-10-08T06:00:00Z')).sign?.state).toBe('running')
    expect(deadlinesAt({ deadlines }, new Date('2026-10-08T08:00:00Z')).sign?.state).toBe('at_risk')
    expect(deadlinesAt({ deadlines }, new Date('2026-10-08T09:00:01Z')).sign?.state).toBe('overdue')
    expect(deadlinesAt({ deadlines }, new Date('2027-01-01T00:00:00Z')).resolve?.state).toBe('met')
  })
})

describe('case numbers', () => {
  it('reads what citizens type', () => {
    expect(normalizeCaseNumber('2026-000123')).toBe('2026-000123')
    expect(normalizeCaseNumber('2026-123')).toBe('2026-000123')
    expect(normalizeCaseNumber(' 2026000123 ')).toBe('2026-000123')
    expect(normalizeCaseNumber('2026－123')).toBe('2026-000123')
    expect(normalizeCaseNumber('BJ2026-5', 'BJ')).toBe('BJ2026-000005')
    expect(normalizeCaseNumber('SH2026-5', 'BJ')).toBeNull()
    expect(normalizeCaseNumber('hello')).toBeNull()
  })
})
