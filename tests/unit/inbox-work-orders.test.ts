import { describe, expect, it } from 'vitest'
import { en } from '../../inbox/src/i18n/en.js'
import {
  ACTION_FORMS,
  actionBody,
  catalogueSuggestion,
  deadlineStateAt,
  departmentFilter,
  EMPTY_VALUES,
  filterForStatusChoice,
  missingInputs,
  OPEN_STATUSES,
  rowDeadline,
  STATUSES,
  workOrderQuery,
} from '../../inbox/src/state/work-orders.js'
import { WORK_ORDER_ACTIONS } from '../../server/work-orders/lifecycle.js'
import { WORK_ORDER_STATUSES } from '../../server/work-orders/lifecycle-states.js'

const deadline = (dueAt: string, atRiskAt: string, extra: Partial<{ state: 'running' | 'met' | 'missed'; closedAt: string | null }> = {}) => ({
  dueAt,
  atRiskAt,
  state: 'running' as const,
  closedAt: null,
  ...extra,
})

describe('work-order filters', () => {
  it('builds the list query: states as a comma list, department, overdue and the page', () => {
    expect(workOrderQuery({ status: ['signed', 'in_progress'], department: 'housing', overdue: true }, '2026-01-01T00:00:00.000Z')).toBe(
      'limit=50&status=signed%2Cin_progress&department=housing&overdue=true&before=2026-01-01T00%3A00%3A00.000Z',
    )
    expect(workOrderQuery({ status: [], department: null, overdue: false }, null, 80)).toBe('limit=80')
  })

  it('gives the hotline open cases by default and a department its tabs', () => {
    expect(filterForStatusChoice('open', { department: null, overdue: false }).status).toEqual(OPEN_STATUSES)
    expect(OPEN_STATUSES).not.toContain('archived')
    expect(filterForStatusChoice('all', { department: 'housing', overdue: false })).toEqual({ status: [], department: 'housing', overdue: false })
    expect(departmentFilter('to_sign').status).toEqual(['dispatched'])
    expect(departmentFilter('in_progress').status).toEqual(['signed', 'in_progress'])
    expect(departmentFilter('overdue')).toEqual({ status: [], department: null, overdue: true })
  })

  it('knows every state and action of the server, with words for each', () => {
    expect(STATUSES).toEqual(WORK_ORDER_STATUSES)
    expect(Object.keys(ACTION_FORMS).sort()).toEqual([...WORK_ORDER_ACTIONS].sort())
    for (const status of STATUSES) expect(Object.hasOwn(en, `workOrder.status.${status}`), status).toBe(true)
    for (const action of Object.keys(ACTION_FORMS)) expect(Object.hasOwn(en, `workOrder.action.${action}`), action).toBe(true)
  })
})

describe('what an action asks for', () => {
  const context = { suggested: 'housing', status: 'registered' }

  it('needs a department to dispatch, and a reason to overrule the catalogue', () => {
    expect(missingInputs('dispatch', EMPTY_VALUES, context)).toEqual(['department'])
    expect(missingInputs('dispatch', { ...EMPTY_VALUES, department: 'housing' }, context)).toEqual([])
    expect(missingInputs('dispatch', { ...EMPTY_VALUES, department: 'transport' }, context)).toEqual(['overrideReason'])
    expect(missingInputs('dispatch', { ...EMPTY_VALUES, department: 'transport', overrideReason: '属交通职责' }, context)).toEqual([])
    expect(missingInputs('dispatch', { ...EMPTY_VALUES, department: 'transport' }, { ...context, suggested: null })).toEqual([])
  })

  it('needs the reason and the legal basis to return, the text to reply, a date and reason to extend', () => {
    expect(missingInputs('return', { ...EMPTY_VALUES, reason: '  ' }, context)).toEqual(['reason', 'legalBasis'])
    expect(missingInputs('reply', EMPTY_VALUES, context)).toEqual(['text'])
    expect(missingInputs('request_extension', { ...EMPTY_VALUES, reason: '现场核查' }, context)).toEqual(['until'])
    expect(missingInputs('sign', EMPTY_VALUES, context)).toEqual([])
  })

  it('asks why when the rating is unsatisfied, and why when archiving without an answer', () => {
    expect(missingInputs('rate', { ...EMPTY_VALUES, rating: 'satisfied' }, context)).toEqual([])
    expect(missingInputs('rate', { ...EMPTY_VALUES, rating: 'unsatisfied' }, context)).toEqual(['reason'])
    expect(missingInputs('archive', EMPTY_VALUES, { ...context, status: 'rated' })).toEqual([])
    expect(missingInputs('archive', EMPTY_VALUES, { ...context, status: 'follow_up' })).toEqual(['comment'])
  })

  it('sends only what the action reads, trimmed, with the master case by id', () => {
    const values = { ...EMPTY_VALUES, department: 'housing', comment: ' 请尽快 ', text: 'ignored', master: '2026-000001' }
    expect(actionBody('dispatch', values, null)).toEqual({ department: 'housing', comment: '请尽快' })
    expect(actionBody('merge', values, 'wo_1')).toEqual({ masterId: 'wo_1', comment: '请尽快' })
    expect(actionBody('sign', EMPTY_VALUES, null)).toEqual({})
  })
})

describe('deadlines', () => {
  const now = Date.parse('2026-03-02T10:00:00Z')

  it('turn at risk and overdue by the clock; closed ones keep their verdict', () => {
    expect(deadlineStateAt(deadline('2026-03-02T12:00:00Z', '2026-03-02T11:00:00Z'), now)).toBe('running')
    expect(deadlineStateAt(deadline('2026-03-02T12:00:00Z', '2026-03-02T09:00:00Z'), now)).toBe('at_risk')
    expect(deadlineStateAt(deadline('2026-03-02T09:00:00Z', '2026-03-02T08:00:00Z'), now)).toBe('overdue')
    expect(deadlineStateAt(deadline('2026-03-02T09:00:00Z', '2026-03-02T08:00:00Z', { state: 'met', closedAt: '2026-03-02T08:30:00Z' }), now)).toBe('met')
  })

  it('shows the most pressing open deadline on a row, none while all are on time', () => {
    const order = {
      deadlines: {
        sign: deadline('2026-03-02T12:00:00Z', '2026-03-02T09:00:00Z'),
        resolve: deadline('2026-03-02T09:30:00Z', '2026-03-02T09:00:00Z'),
      },
    }
    expect(rowDeadline(order, now)).toMatchObject({ name: 'resolve', state: 'overdue' })
    expect(rowDeadline({ deadlines: { resolve: deadline('2026-03-09T00:00:00Z', '2026-03-08T00:00:00Z') } }, now)).toBeNull()
  })
})

describe('the catalogue suggestion', () => {
  const catalogue = [
    { category: '03*', lead: 'housing', coHandlers: [], auto: false },
    { category: '0301', districts: ['hp'], lead: 'district-hp', coHandlers: [], auto: false },
  ]

  it('picks the most specific line, as dispatch does', () => {
    expect(catalogueSuggestion(catalogue, { category: '0301' })).toBe('housing')
    expect(catalogueSuggestion(catalogue, { category: '0301', district: 'hp' })).toBe('district-hp')
    expect(catalogueSuggestion(catalogue, { category: '0401' })).toBeNull()
    expect(catalogueSuggestion(undefined, { category: '0301' })).toBeNull()
  })
})
