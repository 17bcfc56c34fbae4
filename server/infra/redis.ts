import { Redis, type RedisOptions } from 'ioredis'

/** BullMQ requires maxRetriesPerRequest: null on its connections; commands elsewhere keep the default. */
export function createRedis(url: string, purpose: 'commands' | 'subscriber' | 'bullmq'): Redis {
  const options: RedisOptions = { connectionName: `switchboard:${purpose}`, lazyConnect: false }
  if (purpose !== 'commands') options.maxRetriesPerRequest = null
  return new Redis(url, options)
}
