import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnv, parseRoles } from '../../server/config/env.js'

const SECRET = 's'.repeat(32)

function problems(source: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(source)
  } catch (error) {
    const [header, ...lines] = (error as Error).message.split('\n')
    expect(header).toBe('Invalid environment:')
    return lines
  }
  throw new Error('expected parseEnv to throw')
}

describe('parseEnv: defaults', () => {
  it('runs a development hub on 0.0.0.0:3000 with an embedded sqlite FerretDB when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: path.resolve('./data'),
      SESSION_TTL_HOURS: 12,
      WIDGET_MAX_FRAME_BYTES: 16_384,
      DB_BACKEND: 'sqlite',
      LOG_LEVEL: 'info',
      TRUSTED_PROXY_HOPS: 0,
    })
  })

  it('leaves the optional services and secrets unset', () => {
    const env = parseEnv({})
    for (const key of ['PUBLIC_URL', 'MONGODB_URI', 'REDIS_URL', 'SWITCHBOARD_CONFIG', 'SESSION_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SEED_DEMO']) {
      expect(env).not.toHaveProperty(key)
    }
  })

  it('ignores variables it does not know (the real environment has many)', () => {
    expect(parseEnv({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH')
  })
})

describe('parseEnv: values', () => {
  it('reads numbers from their text', () => {
    const env = parseEnv({ PORT: '8080', SESSION_TTL_HOURS: '0.5', WIDGET_MAX_FRAME_BYTES: '65536' })
    expect(env.PORT).toBe(8080)
    expect(env.SESSION_TTL_HOURS).toBe(0.5)
    expect(env.WIDGET_MAX_FRAME_BYTES).toBe(65_536)
  })

  it('accepts PORT=0 (any free port, as the tests use)', () => {
    expect(parseEnv({ PORT: '0' }).PORT).toBe(0)
  })

  it('makes DATA_DIR absolute', () => {
    expect(parseEnv({ DATA_DIR: 'var/switchboard' }).DATA_DIR).toBe(path.resolve('var/switchboard'))
    expect(parseEnv({ DATA_DIR: '/srv/switchboard' }).DATA_DIR).toBe('/srv/switchboard')
  })

  it('takes service URLs for MongoDB (including mongodb+srv) and Redis (including rediss)', () => {
    const env = parseEnv({ MONGODB_URI: 'mongodb+srv://db.example/hub', REDIS_URL: 'rediss://cache.example:6380' })
    expect(env.MONGODB_URI).toBe('mongodb+srv://db.example/hub')
    expect(env.REDIS_URL).toBe('rediss://cache.example:6380')
  })

  it('runs in production with a session secret', () => {
    const env = parseEnv({ NODE_ENV: 'production', SESSION_SECRET: SECRET })
    expect(env.NODE_ENV).toBe('production')
    expect(env.SESSION_SECRET).toBe(SECRET)
  })

  it('does not treat an empty PORT as "any free port"', () => {
    // `PORT=` in a .env file or `PORT: ${PORT}` in compose with PORT unset.
    let port: number | undefined
    try {
      port = parseEnv({ PORT: '' }).PORT
    } catch (error) {
      expect((error as Error).message).toContain('PORT')
      return
    }
    expect(port).toBe(3000)
  })
})

describe('parseEnv: errors', () => {
  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '80.5' }],
    ['PORT', { PORT: '-1' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'hotline.example.gov' }],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://db' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['SESSION_SECRET', { SESSION_SECRET: 's'.repeat(31) }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'admin' }],
    ['ADMIN_PASSWORD', { ADMIN_PASSWORD: 'short' }],
    ['SEED_DEMO', { SEED_DEMO: 'yes' }],
    ['SESSION_TTL_HOURS', { SESSION_TTL_HOURS: '0' }],
    ['WIDGET_MAX_FRAME_BYTES', { WIDGET_MAX_FRAME_BYTES: '255' }],
    ['WIDGET_MAX_FRAME_BYTES', { WIDGET_MAX_FRAME_BYTES: '1048577' }],
    ['DB_BACKEND', { DB_BACKEND: 'mysql' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'trace' }],
  ])('rejects a bad %s, naming it', (key, source) => {
    const lines = problems(source)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^  - ${key}: `))
  })

  it('explains the secret length rules in words', () => {
    expect(problems({ SESSION_SECRET: 'short' })).toEqual(['  - SESSION_SECRET: SESSION_SECRET must be at least 32 characters'])
    expect(problems({ ADMIN_PASSWORD: 'short' })).toEqual(['  - ADMIN_PASSWORD: ADMIN_PASSWORD must be at least 10 characters'])
  })

  it('lists every problem at once', () => {
    const lines = problems({ PORT: '70000', LOG_LEVEL: 'trace', SESSION_SECRET: 'short', ADMIN_EMAIL: 'x' })
    expect(lines.map((line) => line.split(':')[0])).toEqual(expect.arrayContaining(['  - PORT', '  - LOG_LEVEL', '  - SESSION_SECRET', '  - ADMIN_EMAIL']))
    expect(lines).toHaveLength(4)
  })

  it('requires a session secret in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(['  - SESSION_SECRET: required when NODE_ENV=production'])
  })

  it('lists the missing production secret together with the other problems', () => {
    const lines = problems({ NODE_ENV: 'production', PORT: 'eighty' })
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['  - PORT', '  - SESSION_SECRET'])
  })
})

describe('parseRoles', () => {
  it('runs all three roles when --roles is not given', () => {
    expect(parseRoles([])).toEqual(new Set(['api', 'realtime', 'worker']))
    expect(parseRoles(['--verbose', 'roles=api'])).toEqual(new Set(['api', 'realtime', 'worker']))
  })

  it('runs only the listed roles', () => {
    expect(parseRoles(['--roles=api'])).toEqual(new Set(['api']))
    expect(parseRoles(['--roles=realtime,worker'])).toEqual(new Set(['realtime', 'worker']))
  })

  it('tolerates spaces, repeats and stray commas', () => {
    expect(parseRoles(['--roles= api , worker,,api,'])).toEqual(new Set(['api', 'worker']))
  })

  it('reads the flag wherever it is among the arguments', () => {
    expect(parseRoles(['--inspect', '--roles=worker', 'extra'])).toEqual(new Set(['worker']))
  })

  it('rejects unknown roles, naming every one of them and the valid ones', () => {
    expect(() => parseRoles(['--roles=api,web,Worker'])).toThrow('Unknown role(s) web, Worker; expected some of api, realtime, worker')
  })

  it('refuses an empty role list rather than starting a process that serves nothing', () => {
    expect(() => parseRoles(['--roles='])).toThrow()
    expect(() => parseRoles(['--roles=,'])).toThrow()
  })
})
