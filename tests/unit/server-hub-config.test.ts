import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineConfig } from '../../server/config/define-config.js'
import { ConfigError, loadHubConfig, validateHubConfig } from '../../server/config/load-hub-config.js'

const localized = (text: string) => ({ 'zh-CN': text, en: text })

function webchat(overrides: Record<string, unknown> = {}) {
  return { id: 'web', type: 'webchat', name: 'Website chat', title: localized('Chat'), greeting: localized('Hello'), ...overrides }
}

function hubConfig(overrides: Record<string, unknown> = {}) {
  return { queues: [{ id: 'general', name: localized('General') }], channels: [webchat()], ...overrides }
}

/** The problem lines of a ConfigError, without the header. */
function problems(input: unknown): string[] {
  try {
    validateHubConfig(input)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message.split('\n').slice(1)
  }
  throw new Error('expected validateHubConfig to throw')
}

describe('validateHubConfig: a valid config', () => {
  it('fills in hub, channel and connector defaults', () => {
    expect(validateHubConfig(hubConfig())).toEqual({
      hub: { name: { 'zh-CN': '政务服务便民热线', en: 'Citizen Service Hotline' }, timezone: 'Asia/Shanghai' },
      queues: [{ id: 'general', name: localized('General'), assignment: 'least_busy', reassignAfterMinutes: 5, skills: [], members: [] }],
      routing: { capacity: { chat: 3, call: 1, email: 5 }, rules: [] },
      workOrders: expect.objectContaining({
        departments: [],
        categories: [],
        catalogue: [],
        limits: {},
        atRiskShare: 0.2,
        designateAfterReturns: 3,
        followUp: { afterHours: 24, automatic: true },
        numberPrefix: '',
      }),
      webhooks: [],
      open311: expect.objectContaining({ enabled: true }),
      channels: [
        {
          id: 'web',
          type: 'webchat',
          name: 'Website chat',
          queue: 'general',
          enabled: true,
          reopenWindowHours: 24,
          title: localized('Chat'),
          greeting: localized('Hello'),
          allowedOrigins: ['*'],
          maxMessageLength: 4000,
          visitorTokenTtlDays: 180,
        },
      ],
    })
  })

  it('checks that routing rules send conversations to declared queues', () => {
    expect(() =>
      validateHubConfig(hubConfig({ routing: { rules: [{ name: 'housing words', when: { keywords: ['租房'] }, set: { queue: 'housing' } }] } })),
    ).toThrow(/routing\.rules\.0\.set\.queue.*unknown queue "housing"/s)
  })

  it('keeps what the operator set', () => {
    const config = validateHubConfig(
      hubConfig({
        hub: { name: localized('12345'), timezone: 'Asia/Urumqi' },
        queues: [
          { id: 'general', name: localized('General') },
          { id: 'housing', name: localized('Housing') },
        ],
        channels: [webchat({ queue: 'housing', enabled: false, reopenWindowHours: 0, maxMessageLength: 500 })],
      }),
    )
    expect(config.hub).toEqual({ name: localized('12345'), timezone: 'Asia/Urumqi' })
    expect(config.channels[0]).toMatchObject({ queue: 'housing', enabled: false, reopenWindowHours: 0, maxMessageLength: 500 })
  })

  it('accepts several channels of one type with distinct ids', () => {
    const config = validateHubConfig(hubConfig({ channels: [webchat({ id: 'web' }), webchat({ id: 'web-en' })] }))
    expect(config.channels.map((channel) => channel.id)).toEqual(['web', 'web-en'])
  })
})

describe('validateHubConfig: problems', () => {
  it('says how many problems there are and in which file', () => {
    expect(() => validateHubConfig(hubConfig({ channels: [webchat({ name: '' })] }), 'hotline.config.ts')).toThrow(/^hotline\.config\.ts has 1 problem\(s\):\n/)
  })

  it('defaults the file name to channels.config.ts', () => {
    expect(() => validateHubConfig({})).toThrow(/^channels\.config\.ts has 2 problem\(s\):/)
  })

  it('rejects a config that is not an object', () => {
    expect(problems(null)).toEqual(['  - (root): Invalid input: expected object, received null'])
  })

  it('requires at least one queue and one channel', () => {
    expect(problems(hubConfig({ queues: [], channels: [] })).map((line) => line.split(':')[0])).toEqual(['  - queues', '  - channels'])
  })

  it('rejects a channel id that cannot appear in a webhook URL, saying what is allowed', () => {
    for (const id of ['Web', 'web chat', '-web', 'w'.repeat(33), '']) {
      expect(problems(hubConfig({ channels: [webchat({ id })] }))).toEqual([
        '  - channels.0.id: channel ids are 1–32 lowercase letters, digits or dashes (they appear in webhook URLs)',
      ])
    }
  })

  it('rejects an unknown connector type', () => {
    expect(problems(hubConfig({ channels: [webchat({ type: 'fax' })] }))).toEqual([expect.stringMatching(/^ {2}- channels\.0\.type: /)])
  })

  it('reports a channel routed to a queue that is not declared when the queue list is empty', () => {
    expect(problems(hubConfig({ queues: [] }))).toEqual([
      '  - queues: Too small: expected array to have >=1 items',
      '  - channels.0.queue: unknown queue "general" (declare it under queues)',
    ])
  })

  it('rejects duplicate channel ids, pointing at the second one', () => {
    expect(problems(hubConfig({ channels: [webchat(), webchat({ name: 'Again' })] }))).toEqual(['  - channels.1.id: duplicate channel id "web"'])
  })

  it('rejects a channel that routes to an undeclared queue', () => {
    expect(problems(hubConfig({ channels: [webchat({ queue: 'housing' })] }))).toEqual([
      '  - channels.0.queue: unknown queue "housing" (declare it under queues)',
    ])
  })

  it('checks each connector’s own fields', () => {
    expect(problems(hubConfig({ channels: [webchat({ visitorTokenSecret: 'short', maxMessageLength: 0 })] })).map((line) => line.split(':')[0])).toEqual([
      '  - channels.0.maxMessageLength',
      '  - channels.0.visitorTokenSecret',
    ])
  })

  it('lists every problem across channels at once: field errors, duplicates and unknown queues', () => {
    const lines = problems(
      hubConfig({
        channels: [webchat({ queue: 'nope' }), webchat({ name: '' }), webchat({ id: 'Bad Id', maxMessageLength: 0 })],
      }),
    )
    expect(lines.sort()).toEqual(
      [
        '  - channels.0.queue: unknown queue "nope" (declare it under queues)',
        '  - channels.1.id: duplicate channel id "web"',
        '  - channels.1.name: Too small: expected string to have >=1 characters',
        '  - channels.2.id: channel ids are 1–32 lowercase letters, digits or dashes (they appear in webhook URLs)',
        '  - channels.2.maxMessageLength: Too small: expected number to be >=1',
      ].sort(),
    )
  })

  it('lists an unknown queue even when another channel is missing a required field', () => {
    const { greeting: _missing, ...withoutGreeting } = webchat({ id: 'web-en' })
    const lines = problems(hubConfig({ channels: [withoutGreeting, webchat({ queue: 'nope' })] }))
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['  - channels.0.greeting', '  - channels.1.queue'])
  })

  it('lists a duplicate id even when a queue entry is malformed', () => {
    const lines = problems(hubConfig({ queues: [{ id: 'general', name: localized('General') }, { id: 'housing' }], channels: [webchat(), webchat()] }))
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['  - channels.1.id', '  - queues.1.name'])
  })
})

describe('defineConfig', () => {
  it('returns the config it was given, untouched (validation happens at boot)', () => {
    const config = hubConfig() as Parameters<typeof defineConfig>[0]
    expect(defineConfig(config)).toBe(config)
  })
})

describe('loadHubConfig', () => {
  let directory = ''

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'switchboard-config-'))
  })

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  async function configFile(name: string, source: string): Promise<string> {
    const file = path.join(directory, name)
    await writeFile(file, source)
    return file
  }

  it('loads and validates the default export', async () => {
    const file = await configFile('valid.config.mjs', `export default ${JSON.stringify(hubConfig())}`)
    const config = await loadHubConfig(file)
    expect(config.channels[0]).toMatchObject({ id: 'web', queue: 'general', maxMessageLength: 4000 })
  })

  it('names the file in the list of problems', async () => {
    const file = await configFile('invalid.config.mjs', `export default ${JSON.stringify(hubConfig({ channels: [webchat({ queue: 'nope' })] }))}`)
    const failure = await loadHubConfig(file).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConfigError)
    expect((failure as Error).message).toBe('invalid.config.mjs has 1 problem(s):\n  - channels.0.queue: unknown queue "nope" (declare it under queues)')
  })

  it('says which file is missing and how to point at another', async () => {
    const missing = path.join(directory, 'absent.config.ts')
    const failure = await loadHubConfig(missing).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConfigError)
    expect((failure as Error).message).toContain(missing)
    expect((failure as Error).message).toContain('SWITCHBOARD_CONFIG')
  })

  it('requires a default export', async () => {
    const file = await configFile('named.config.mjs', `export const config = ${JSON.stringify(hubConfig())}`)
    const failure = await loadHubConfig(file).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConfigError)
    expect((failure as Error).message).toMatch(/must export the config as default/)
  })

  it('resolves a relative path against the working directory', async () => {
    const file = await configFile('relative.config.mjs', `export default ${JSON.stringify(hubConfig())}`)
    await expect(loadHubConfig(path.relative(process.cwd(), file))).resolves.toMatchObject({ queues: [{ id: 'general' }] })
  })

  it('loads the channels.config.ts shipped with the project', async () => {
    const config = await loadHubConfig(path.resolve(import.meta.dirname, '../../channels.config.ts'))
    expect(config.channels.length).toBeGreaterThan(0)
    for (const channel of config.channels) expect(config.queues.map((queue) => queue.id)).toContain(channel.queue)
  })
})
