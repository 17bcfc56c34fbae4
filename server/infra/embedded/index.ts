import type { Log } from './child-service.js'
import { type FerretDbBackend, startFerretDb } from './ferretdb.js'
import { startPostgres } from './postgres.js'
import { ensureRedisServer, startRedis } from './redis.js'

export type { Log } from './child-service.js'
export type { FerretDbBackend } from './ferretdb.js'

export interface EmbeddedServicesOptions {
  /** Everything (data, logs) lives under here, so a restart on the same dir keeps the data. */
  dataDir: string
  needMongo: boolean
  needRedis: boolean
  /** sqlite (default) for dev and tests; postgresql for benchmarks (see shared/reference/ferretdb.md). */
  mongoBackend?: FerretDbBackend
  log: Log
}

export interface EmbeddedServices {
  mongoUri?: string
  redisUrl?: string
  stop(): Promise<void>
}

type Stop = () => Promise<void>

/** Starts FerretDB and/or Redis (both chains in parallel) for `npm start` and the tests. */
export async function startEmbeddedServices(options: EmbeddedServicesOptions): Promise<EmbeddedServices> {
  const { dataDir, log } = options
  // Pushed in start order, so stopping in reverse stops FerretDB before the PostgreSQL it uses.
  const stops: Stop[] = []
  const result: EmbeddedServices = { stop: () => stopAll(stops) }

  const startMongo = async () => {
    let postgresUrl: string | undefined
    if (options.mongoBackend === 'postgresql') {
      const postgres = await startPostgres({ dataDir, log })
      stops.push(postgres.stop)
      postgresUrl = postgres.url
    }
    const ferret = await startFerretDb({ dataDir, backend: options.mongoBackend ?? 'sqlite', postgresUrl, log })
    stops.push(ferret.stop)
    result.mongoUri = ferret.uri
  }
  const startRedisChain = async () => {
    await ensureRedisServer(log)
    const redis = await startRedis({ dataDir, log })
    stops.push(redis.stop)
    result.redisUrl = redis.url
  }

  const outcomes = await Promise.allSettled([options.needMongo ? startMongo() : undefined, options.needRedis ? startRedisChain() : undefined])
  const failure = outcomes.find((outcome) => outcome.status === 'rejected')
  if (failure) {
    // Do not leave half of the services running when the caller gets an exception.
    await stopAll(stops).catch(() => {})
    throw failure.reason
  }
  return result
}

async function stopAll(stops: Stop[]): Promise<void> {
  const errors: unknown[] = []
  // splice: a second stop() call is a no-op.
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length) throw new AggregateError(errors, 'some embedded services failed to stop')
}
