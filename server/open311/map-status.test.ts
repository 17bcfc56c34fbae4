import { describe, expect, it } from 'vitest'
import { WORK_ORDER_STATUSES } from '../work-orders/lifecycle-states.js'
import { open311Status, workOrderStatusesFor } from './map-status.js'

describe('open311Status', () => {
  it('is open until 办结, and closed from resolved on, and for not accepted or merged cases', () => {
    const closed = ['resolved', 'follow_up', 'rated', 'archived', 'not_accepted', 'merged']
    for (const status of WORK_ORDER_STATUSES) expect(open311Status(status), status).toBe(closed.includes(status) ? 'closed' : 'open')
    expect(workOrderStatusesFor(['closed']).sort()).toEqual([...closed].sort())
    expect(workOrderStatusesFor(['open', 'closed'])).toEqual([...WORK_ORDER_STATUSES])
  })
})
