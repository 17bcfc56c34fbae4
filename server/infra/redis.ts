import { Redis, type RedisOptions } from 'ioredis'

/** BullMQ requires maxRetriesPerRequest: null on its connections; commands elsewhere keep the default. */
export function createRedis(url: string, purpose: 'commands' | 'subscriber' | 'bullmq'): Redis {
  const options: RedisOptions = { connectionName: `switchboard:${purpose}`, lazyConnect: false }
  if (purpose !== 'commands') options.maxRetriesPerRequest = null
  const redis = new Redis(url, options)
  // ioredis reconnects by itself; without a listener every failed attempt is an "Unhandled error event".
  let lastReport = 0
  redis.on('error', (error: Error) => {
    if (Date.now() - lastReport < 10_000) return
    lastReport = Date.now()
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'warn', msg: 'redis connection error', purpose, error: error.message })}\n`)
  })
  return redis
}
