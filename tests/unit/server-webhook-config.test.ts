/** Which endpoints hear an event, and what channels.config.ts may say about them. */
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, validateHubConfig } from '../../server/config/load-hub-config.js'
import { createWebhooksSchema, eventTypeMatches, matchingEndpoints } from '../../server/webhooks/index.js'

const localized = (text: string) => ({ 'zh-CN': text, en: text })
const hubConfig = (webhooks: unknown, extra: Record<string, unknown> = {}) => ({
  queues: [{ id: 'general', name: localized('General') }],
  channels: [{ id: 'web', type: 'webchat', name: 'Website chat', title: localized('Chat'), greeting: localized('Hello') }],
  webhooks,
  ...extra,
})
const environment = { OA_SECRET: 'a-long-enough-secret-123', SHORT_SECRET: 'short' }
const parse = (webhooks: unknown) => createWebhooksSchema(environment).safeParse(webhooks)
const endpoint = (overrides: Record<string, unknown> = {}) => ({
  id: 'oa',
  url: 'https://oa.example.gov/hook',
  secretEnv: 'OA_SECRET',
  events: ['*'],
  ...overrides,
})

describe('matching endpoints', () => {
  const endpoints = [
    { id: 'all', events: ['*'] },
    { id: 'signed', events: ['work_order.signed'] },
    { id: 'work-orders', events: ['work_order.*'] },
    { id: 'housing', events: ['*'], departments: ['housing', 'transport'] },
  ]
  const ids = (event: { type: string; departments?: string[] }) => matchingEndpoints(endpoints, event).map((candidate) => candidate.id)

  it('matches exact types, prefix wildcards and *', () => {
    expect(ids({ type: 'work_order.signed', departments: ['water'] })).toEqual(['all', 'signed', 'work-orders'])
    expect(ids({ type: 'work_order.deadline_overdue', departments: ['water'] })).toEqual(['all', 'work-orders'])
    expect(eventTypeMatches(['work_order.*'], 'work_orders.created')).toBe(false)
    expect(eventTypeMatches(['work_order.signed'], 'work_order.signed_late')).toBe(false)
  })

  it('lets a department filter through only cases whose lead or co-handling department it names', () => {
    expect(ids({ type: 'work_order.created', departments: ['water', 'transport'] })).toContain('housing')
    expect(ids({ type: 'work_order.created', departments: ['housing'] })).toContain('housing')
    expect(ids({ type: 'work_order.created', departments: ['water'] })).not.toContain('housing')
    expect(ids({ type: 'work_order.created' })).toEqual(['all', 'work-orders'])
  })
})

describe('webhooks config', () => {
  afterEach(() => {
    delete process.env.SB_TEST_WEBHOOK_SECRET
  })

  it('defaults to no endpoints, and fills in retries and the timeout', () => {
    expect(createWebhooksSchema(environment).parse(undefined)).toEqual([])
    expect(parse([endpoint()]).data).toEqual([{ ...endpoint(), retry: { attempts: 8, initialDelayMs: 10_000 }, timeoutMs: 10_000 }])
  })

  it('accepts https anywhere and http only on localhost', () => {
    for (const url of ['https://oa.example.gov/hook', 'http://localhost:8080/hook', 'http://127.0.0.1/hook'])
      expect(parse([endpoint({ url })]).success).toBe(true)
    for (const url of ['http://oa.example.gov/hook', 'ftp://oa.example.gov', 'not a url']) expect(parse([endpoint({ url })]).success).toBe(false)
  })

  it('wants the NAME of a variable that is set and holds a long enough secret', () => {
    const messages = (overrides: Record<string, unknown>) => parse([endpoint(overrides)]).error?.issues.map((issue) => issue.message)
    expect(messages({ secretEnv: 'a-long-enough-secret-123' })).toEqual(['secretEnv is the NAME of an environment variable, e.g. OA_WEBHOOK_SECRET'])
    expect(messages({ secretEnv: 'MISSING_SECRET' })).toEqual(["the environment variable MISSING_SECRET is not set (it holds this endpoint's signing secret)"])
    expect(messages({ secretEnv: 'SHORT_SECRET' })).toEqual(['the secret in SHORT_SECRET is shorter than 16 characters'])
  })

  it('rejects unknown event patterns, empty lists and duplicate ids', () => {
    expect(parse([endpoint({ events: [] })]).success).toBe(false)
    expect(parse([endpoint({ events: ['WorkOrder.Signed'] })]).success).toBe(false)
    expect(parse([endpoint({ events: ['work_order.*', 'conversation.sla'] })]).success).toBe(true)
    expect(parse([endpoint(), endpoint({ url: 'https://other.example.gov' })]).error?.issues).toEqual([
      expect.objectContaining({ path: [1, 'id'], message: 'duplicate webhook endpoint id "oa"' }),
    ])
  })

  it('reports a missing secret at boot together with the other problems of channels.config.ts', () => {
    let message = ''
    try {
      validateHubConfig(hubConfig([endpoint({ secretEnv: 'SB_TEST_WEBHOOK_SECRET' })], { queues: [] }))
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      message = (error as Error).message
    }
    expect(message).toContain('  - queues: ')
    expect(message).toContain("  - webhooks.0.secretEnv: the environment variable SB_TEST_WEBHOOK_SECRET is not set (it holds this endpoint's signing secret)")
    process.env.SB_TEST_WEBHOOK_SECRET = 'set-in-the-environment-now'
    expect(validateHubConfig(hubConfig([endpoint({ secretEnv: 'SB_TEST_WEBHOOK_SECRET' })])).webhooks).toHaveLength(1)
  })
})
