import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureFerretDbBinary } from '../../server/infra/embedded/ferretdb-binary.js'
import { startEmbeddedServices } from '../../server/infra/embedded/index.js'

const lines: string[] = []
const log = (line: string) => {
  lines.push(line)
  // Build/apt progress is worth seeing live on a fresh machine; the rest stays quiet.
  if (line.startsWith('[setup]')) console.log(line)
}

const dirs: string[] = []
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-embedded-'))
  dirs.push(dir)
  return dir
}

async function withMongo<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 })
  try {
    await client.connect()
    return await fn(client)
  } finally {
    await client.close()
  }
}

beforeAll(async () => {
  // First run on a fresh machine builds FerretDB (2–4 min on 2 cores).
  await ensureFerretDbBinary(log)
}, 600_000)

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('embedded services', () => {
  it('runs FerretDB (sqlite) and Redis, and keeps data across a restart', async () => {
    const dataDir = tempDataDir()
    const first = await startEmbeddedServices({ dataDir, needMongo: true, needRedis: true, log })
    try {
      expect(first.mongoUri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/)
      expect(first.redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/)

      await withMongo(first.mongoUri as string, async (client) => {
        const tickets = client.db('switchboard_test').collection<{ _id: string; subject: string }>('tickets')
        await tickets.insertOne({ _id: 't-1', subject: 'Streetlight out on Main St' })
        expect(await tickets.findOne({ _id: 't-1' })).toEqual({ _id: 't-1', subject: 'Streetlight out on Main St' })
      })

      const redis = new Redis(first.redisUrl as string, { lazyConnect: true, maxRetriesPerRequest: 1 })
      try {
        await redis.connect()
        await redis.set('switchboard:test', 'hello')
        expect(await redis.get('switchboard:test')).toBe('hello')
      } finally {
        redis.disconnect()
      }
    } finally {
      await first.stop()
    }

    const second = await startEmbeddedServices({ dataDir, needMongo: true, needRedis: true, log })
    try {
      await withMongo(second.mongoUri as string, async (client) => {
        const tickets = client.db('switchboard_test').collection<{ _id: string; subject: string }>('tickets')
        const doc = await tickets.findOne({ _id: 't-1' })
        expect(doc?.subject).toBe('Streetlight out on Main St')
      })
      // Redis persistence (AOF) is what keeps BullMQ jobs across restarts.
      const redis = new Redis(second.redisUrl as string, { lazyConnect: true, maxRetriesPerRequest: 1 })
      try {
        await redis.connect()
        expect(await redis.get('switchboard:test')).toBe('hello')
      } finally {
        redis.disconnect()
      }
    } finally {
      await second.stop()
    }
  }, 120_000)

  it('starts only what is asked for', async () => {
    const services = await startEmbeddedServices({ dataDir: tempDataDir(), needMongo: false, needRedis: true, log })
    try {
      expect(services.mongoUri).toBeUndefined()
      expect(services.redisUrl).toBeDefined()
    } finally {
      await services.stop()
    }
  }, 60_000)

  it('runs FerretDB on the PostgreSQL backend', async () => {
    const services = await startEmbeddedServices({
      dataDir: tempDataDir(),
      needMongo: true,
      needRedis: false,
      mongoBackend: 'postgresql',
      log,
    })
    try {
      await withMongo(services.mongoUri as string, async (client) => {
        const contacts = client.db('switchboard_test').collection<{ _id: string; phone: string }>('contacts')
        await contacts.insertOne({ _id: 'c-1', phone: '+15550100' })
        // Equality on a scalar field: the query shape the PostgreSQL backend pushes down.
        expect(await contacts.findOne({ phone: '+15550100' })).toEqual({ _id: 'c-1', phone: '+15550100' })
      })
    } finally {
      await services.stop()
    }
  }, 240_000)
})
