/**
 * What the inbox's Settings view reads and writes, against a real hub: the queue list with the
 * settings in effect, the user list with effective capacity, and canned responses managed by
 * supervisors (their own queues) and admins (any). Agents are refused with 403, bad input with 400,
 * always in the `{ error: { code, message } }` shape; both lists are documented in /api/openapi.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const localized = (en: string) => ({ 'zh-CN': en, en })
let hub: TestHub
const tokens = { admin: '', agent: '', supervisor: '' }

beforeAll(async () => {
  hub = await startTestHub({
    config: {
      ...testConfig,
      queues: [
        { id: 'general', name: { 'zh-CN': '综合', en: 'General' }, assignment: 'round_robin', reassignAfterMinutes: 3, skills: ['mandarin'] },
        { id: 'housing', name: localized('Housing') },
      ],
      routing: { capacity: { chat: 4, call: 1, email: 6 } },
    },
  })
  tokens.admin = await hub.login('admin@test.local', 'admin-password-123')
  const agent = await hub.createUser('agent', ['general'])
  tokens.agent = await hub.login(agent.email, agent.password)
  const supervisor = await hub.createUser('supervisor', ['general'])
  tokens.supervisor = await hub.login(supervisor.email, supervisor.password)
})
afterAll(async () => {
  await hub?.stop()
})

async function expectError(response: Response, status: number, code?: string): Promise<void> {
  expect(response.status).toBe(status)
  const body = (await response.json()) as { error: { code: string; message: string } }
  expect(body.error).toEqual(expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }))
  expect(body.error.message.length).toBeGreaterThan(0)
}

describe('GET /api/admin/queues', () => {
  it('lists every queue with its names and the settings in effect, for admins only', async () => {
    await expectError(await hub.api('/api/admin/queues'), 401, 'unauthorized')
    await expectError(await hub.api('/api/admin/queues', { token: tokens.agent }), 403, 'forbidden')
    await expectError(await hub.api('/api/admin/queues', { token: tokens.supervisor }), 403, 'forbidden')

    const declared = await hub.api('/api/admin/queues', { token: tokens.admin })
    expect(declared.status).toBe(200)
    expect(await declared.json()).toEqual({
      queues: [
        { id: 'general', name: { 'zh-CN': '综合', en: 'General' }, assignment: 'round_robin', reassignAfterMinutes: 3, skills: ['mandarin'] },
        { id: 'housing', name: localized('Housing'), assignment: 'least_busy', reassignAfterMinutes: 5, skills: [] },
      ],
    })

    // An admin's change shows over the declared values; what was not changed keeps them.
    const put = await hub.api('/api/admin/queues/housing', { method: 'PUT', token: tokens.admin, json: { assignment: 'manual', skills: ['english'] } })
    expect(put.status).toBe(200)
    const changed = (await (await hub.api('/api/admin/queues', { token: tokens.admin })).json()) as { queues: { id: string }[] }
    expect(changed.queues.find((queue) => queue.id === 'housing')).toEqual({
      id: 'housing',
      name: localized('Housing'),
      assignment: 'manual',
      reassignAfterMinutes: 5,
      skills: ['english'],
    })
  })

  it('refuses out-of-range edits with 400 in the error shape', async () => {
    const put = (json: unknown) => hub.api('/api/admin/queues/general', { method: 'PUT', token: tokens.admin, json })
    await expectError(await put({ assignment: 'random' }), 400)
    await expectError(await put({ reassignAfterMinutes: -1 }), 400)
    await expectError(await put({ skills: ['Not A Skill'] }), 400)
  })
})

describe('GET /api/admin/users', () => {
  it('lists users with queues, skills, effective capacity, grant and state, without secrets; admins only', async () => {
    await expectError(await hub.api('/api/admin/users'), 401, 'unauthorized')
    await expectError(await hub.api('/api/admin/users', { token: tokens.agent }), 403, 'forbidden')
    await expectError(await hub.api('/api/admin/users', { token: tokens.supervisor }), 403, 'forbidden')

    const worker = await hub.createUser('agent', ['housing'])
    const changed = await hub.api(`/api/admin/users/${worker.id}/routing`, {
      method: 'PUT',
      token: tokens.admin,
      json: { skills: ['english'], capacity: { chat: 2 }, allQueues: true },
    })
    expect(changed.status).toBe(200)
    // The answer has the list's shape, so the Settings view can put it in place.
    expect(((await changed.json()) as { user: unknown }).user).toMatchObject({ id: worker.id, capacity: { chat: 2, call: 1, email: 6 }, allQueues: true })

    const response = await hub.api('/api/admin/users', { token: tokens.admin })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { users: Record<string, unknown>[]; defaultCapacity: unknown; truncated: boolean }
    expect(body.defaultCapacity).toEqual({ chat: 4, call: 1, email: 6 })
    expect(body.truncated).toBe(false)
    expect(body.users.find((user) => user.id === worker.id)).toEqual({
      id: worker.id,
      name: worker.name,
      email: worker.email,
      role: 'agent',
      language: 'en',
      queues: ['housing'],
      skills: ['english'],
      capacity: { chat: 2, call: 1, email: 6 },
      allQueues: true,
      active: true,
    })
    const admin = body.users.find((user) => user.email === 'admin@test.local')
    expect(admin).toMatchObject({ role: 'admin', capacity: { chat: 4, call: 1, email: 6 }, allQueues: false, active: true })
    for (const user of body.users) expect(Object.keys(user)).not.toContain('passwordHash')
    const names = body.users.map((user) => String(user.name))
    expect(names).toEqual([...names].sort())
  })

  it('refuses bad routing edits with 400 in the error shape', async () => {
    const worker = await hub.createUser('agent', ['general'])
    const put = (json: unknown) => hub.api(`/api/admin/users/${worker.id}/routing`, { method: 'PUT', token: tokens.admin, json })
    await expectError(await put({ capacity: { chat: 51 } }), 400)
    await expectError(await put({ capacity: { call: 1.5 } }), 400)
    await expectError(await put({ queues: ['nowhere'] }), 400, 'unknown_queue')
    await expectError(await hub.api(`/api/admin/users/${worker.id}/routing`, { method: 'PUT', token: tokens.agent, json: { skills: [] } }), 403, 'forbidden')
  })
})

describe('canned responses from the Settings view', () => {
  it('supervisors manage those of their queues, admins any; agents only read; bad input is 400', async () => {
    const draft = { shortcut: 'address', title: 'Address', body: '办事大厅地址：市民中心一楼。', queue: 'general' }
    await expectError(
      await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: { ...draft, queue: 'nowhere' } }),
      400,
      'unknown_queue',
    )
    await expectError(
      await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: { ...draft, queue: 'housing' } }),
      403,
      'forbidden',
    )
    await expectError(await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: { ...draft, body: '' } }), 400)
    const created = await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: draft })
    expect(created.status).toBe(201)
    const { response } = (await created.json()) as { response: { id: string } }

    // Agents read it but cannot change or remove it.
    const listed = (await (await hub.api('/api/canned-responses', { token: tokens.agent })).json()) as { responses: { id: string }[] }
    expect(listed.responses.map((item) => item.id)).toContain(response.id)
    await expectError(
      await hub.api(`/api/canned-responses/${response.id}`, { method: 'PUT', token: tokens.agent, json: { ...draft, title: 'Mine' } }),
      403,
      'forbidden',
    )
    await expectError(await hub.api(`/api/canned-responses/${response.id}`, { method: 'DELETE', token: tokens.agent }), 403, 'forbidden')

    // The supervisor may not move it to a queue they do not work; bad input and unknown ids are explained.
    const put = (json: unknown, token = tokens.supervisor, id = response.id) => hub.api(`/api/canned-responses/${id}`, { method: 'PUT', token, json })
    await expectError(await put({ ...draft, queue: 'housing' }), 403, 'forbidden')
    await expectError(await put({ ...draft, shortcut: 'two words' }), 400)
    await expectError(await put(draft, tokens.supervisor, 'cr_missing'), 404, 'not_found')

    // An admin writes one for housing; the general supervisor can neither change nor delete it.
    const housing = await hub.api('/api/canned-responses', { method: 'POST', token: tokens.admin, json: { ...draft, shortcut: 'deposit', queue: 'housing' } })
    expect(housing.status).toBe(201)
    const housingId = ((await housing.json()) as { response: { id: string } }).response.id
    await expectError(await put({ ...draft, shortcut: 'deposit', queue: null }, tokens.supervisor, housingId), 403, 'forbidden')
    await expectError(await hub.api(`/api/canned-responses/${housingId}`, { method: 'DELETE', token: tokens.supervisor }), 403, 'forbidden')

    // A shortcut already in use is a conflict.
    await expectError(await put({ ...draft, shortcut: 'deposit' }, tokens.admin), 409, 'shortcut_taken')

    const edited = await put({ ...draft, queue: null, title: 'Service hall address' })
    expect(edited.status).toBe(200)
    expect(((await edited.json()) as { response: unknown }).response).toEqual({ id: response.id, ...draft, queue: null, title: 'Service hall address' })
    expect((await hub.api(`/api/canned-responses/${response.id}`, { method: 'DELETE', token: tokens.supervisor })).status).toBe(200)
    expect((await hub.api(`/api/canned-responses/${housingId}`, { method: 'DELETE', token: tokens.admin })).status).toBe(200)
  })
})

describe('OpenAPI', () => {
  it('documents both lists', async () => {
    const document = (await (await hub.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    expect(document.paths['/api/admin/queues']?.get).toBeDefined()
    expect(document.paths['/api/admin/users']?.get).toBeDefined()
    expect(document.paths['/api/canned-responses/{id}']?.put).toBeDefined()
    expect(document.paths['/api/canned-responses/{id}']?.delete).toBeDefined()
  })
})
