/** POST /api/admin/users: admins create hotline and department staff; validated against the config; audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEvent } from '../../server/models/audit-event.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

let hub: TestHub
let admin = ''

const config = {
  ...testConfig,
  workOrders: { departments: [{ id: 'housing', name: { 'zh-CN': '住建局', en: 'Housing Bureau' } }] },
}

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: 'Zhang.Wei@Housing.example',
  name: '张伟',
  role: 'department',
  department: 'housing',
  password: 'initial-password-2026',
  ...overrides,
})

async function create(json: Record<string, unknown>, token = admin) {
  const response = await hub.api('/api/admin/users', { method: 'POST', token, json })
  return { status: response.status, body: (await response.json()) as { user?: Record<string, unknown>; error?: { code: string } } }
}

beforeAll(async () => {
  hub = await startTestHub({ config })
  admin = await hub.login('admin@test.local', 'admin-password-123')
})
afterAll(async () => {
  await hub?.stop()
})

describe('creating users', () => {
  it('creates department staff who sign in to their work orders and nothing else; the creation is audited', async () => {
    const created = await create(newUser())
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({ email: 'zhang.wei@housing.example', role: 'department', department: 'housing', queues: [], active: true })
    expect(created.body.user).not.toHaveProperty('passwordHash')

    const token = await hub.login('zhang.wei@housing.example', 'initial-password-2026')
    expect((await hub.api('/api/work-orders', { token })).status).toBe(200)
    expect((await hub.api('/api/conversations', { token })).status).toBe(403)

    const audits = await AuditEvent.find({ action: 'user.create', 'target.id': created.body.user?.id }).lean()
    expect(audits).toHaveLength(1)
    expect(audits[0]?.details).toMatchObject({ email: 'zhang.wei@housing.example', role: 'department', department: 'housing' })
  })

  it('creates hotline staff with their queues', async () => {
    const created = await create(newUser({ email: 'li.na@hotline.example', role: 'agent', department: undefined, queues: ['general'], language: 'en' }))
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({ role: 'agent', queues: ['general'], language: 'en' })
    expect(created.body.user).not.toHaveProperty('department')
  })

  it('refuses non-admins with 403', async () => {
    const supervisor = await hub.createUser('supervisor', ['general'])
    const agent = await hub.createUser('agent', ['general'])
    expect((await create(newUser({ email: 'a@x.example' }), await hub.login(supervisor.email, supervisor.password))).status).toBe(403)
    expect((await create(newUser({ email: 'b@x.example' }), await hub.login(agent.email, agent.password))).status).toBe(403)
    expect((await hub.api('/api/admin/users', { method: 'POST', json: newUser({ email: 'c@x.example' }) })).status).toBe(401)
  })

  it('refuses a department the config does not declare, and mismatched roles, with 400', async () => {
    expect(await create(newUser({ email: 'd@x.example', department: 'police' }))).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_department' } },
    })
    expect(await create(newUser({ email: 'e@x.example', department: undefined }))).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_department' } },
    })
    expect(await create(newUser({ email: 'f@x.example', role: 'agent' }))).toMatchObject({ status: 400, body: { error: { code: 'invalid_department' } } })
    expect(await create(newUser({ email: 'g@x.example', role: 'agent', department: undefined, queues: ['nope'] }))).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_queue' } },
    })
    expect((await create(newUser({ email: 'h@x.example', password: 'short' }))).status).toBe(400)
  })

  it('refuses an email already in use, whatever its case, with 409', async () => {
    expect(await create(newUser({ email: 'ZHANG.WEI@housing.example' }))).toMatchObject({ status: 409, body: { error: { code: 'email_taken' } } })
  })
})
