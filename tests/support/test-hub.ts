/**
 * A real hub (every role, real FerretDB and Redis from the global setup) on a
 * free port, with its own database, plus helpers to act as staff.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { inject } from 'vitest'
import { hashPassword } from '../../server/auth/passwords.js'
import type { CreateConnectorOverride } from '../../server/channels/channel-registry.js'
import { parseEnv } from '../../server/config/env.js'
import type { HubConfigInput } from '../../server/config/hub-config-schema.js'
import { validateHubConfig } from '../../server/config/load-hub-config.js'
import { type HubHandle, startHub } from '../../server/hub.js'
import { createLogger } from '../../server/infra/logger.js'
import { newId } from '../../server/models/new-id.js'
import { User } from '../../server/models/user.js'
import type { Role } from '../../server/presenters/dto.js'

export const testConfig: HubConfigInput = {
  queues: [
    { id: 'general', name: { 'zh-CN': '综合', en: 'General' } },
    { id: 'housing', name: { 'zh-CN': '住房', en: 'Housing' } },
  ],
  channels: [
    {
      id: 'web',
      type: 'webchat',
      name: 'Website chat',
      queue: 'general',
      title: { 'zh-CN': '在线咨询', en: 'Chat with us' },
      greeting: { 'zh-CN': '您好', en: 'Hello' },
    },
  ],
}

export interface TestHub {
  hub: HubHandle
  url: string
  wsUrl: string
  createUser(role: Role, queues?: string[]): Promise<{ id: string; email: string; password: string; name: string }>
  /** Signs in and returns the session token (usable as cookie or bearer). */
  login(email: string, password: string): Promise<string>
  api(pathname: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>
  stop(): Promise<void>
}

export async function startTestHub(
  options: { distDir?: string; env?: Record<string, string>; config?: HubConfigInput; createConnector?: CreateConnectorOverride } = {},
): Promise<TestHub> {
  const redisUrl = inject('redisUrl')
  // One test file at a time: start each from an empty Redis so no job or key leaks between files.
  const flusher = new Redis(redisUrl)
  await flusher.flushall()
  flusher.disconnect()

  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'switchboard-hub-')),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'admin@test.local',
    ADMIN_PASSWORD: 'admin-password-123',
    LOG_LEVEL: 'warn',
    ...options.env,
  })
  const hub = await startHub({
    env,
    config: validateHubConfig(options.config ?? testConfig),
    ...(options.createConnector ? { createConnector: options.createConnector } : {}),
    roles: new Set(['api', 'realtime', 'worker']),
    mongoUri: inject('mongoUri'),
    redisUrl,
    distDir: options.distDir ?? path.resolve('dist'),
    log: createLogger('warn'),
    dbName: `test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
  })
  const url = hub.url ?? ''
  const api: TestHub['api'] = (pathname, init = {}) => {
    const headers = new Headers(init.headers)
    if (init.token) headers.set('authorization', `Bearer ${init.token}`)
    if (init.json !== undefined) headers.set('content-type', 'application/json')
    return fetch(`${url}${pathname}`, { ...init, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) })
  }
  return {
    hub,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    api,
    async createUser(role, queues = ['general']) {
      const password = `pw-${randomBytes(6).toString('hex')}`
      const id = newId('usr')
      const email = `${role}-${id}@test.local`
      const now = new Date()
      const name = `${role} ${id.slice(-4)}`
      await User.collection.insertOne({
        _id: id,
        email,
        name,
        role,
        queues,
        language: 'en',
        passwordHash: await hashPassword(password),
        active: true,
        createdAt: now,
        updatedAt: now,
      } as never)
      return { id, email, password, name }
    },
    async login(email, password) {
      const response = await api('/api/auth/login', { method: 'POST', json: { email, password } })
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`)
      return ((await response.json()) as { token: string }).token
    },
    stop: () => hub.stop(),
  }
}
