/** Connection state of connection-holding channels (Wechaty…), kept in Redis for the admin view. */
import type { Redis } from 'ioredis'
import type { ConnectorStatus } from '../../connectors/spec.js'

const KEY = 'sb:channel-status'

export interface StoredChannelStatus extends ConnectorStatus {
  updatedAt: string
}

export async function writeChannelStatus(redis: Redis, channelId: string, status: ConnectorStatus, at: Date): Promise<void> {
  await redis.hset(KEY, channelId, JSON.stringify({ ...status, updatedAt: at.toISOString() } satisfies StoredChannelStatus))
}

export async function readChannelStatuses(redis: Redis): Promise<Map<string, StoredChannelStatus>> {
  const all = await redis.hgetall(KEY)
  const result = new Map<string, StoredChannelStatus>()
  for (const [channelId, json] of Object.entries(all)) {
    try {
      result.set(channelId, JSON.parse(json) as StoredChannelStatus)
    } catch {
      // A corrupt entry is skipped; the next report overwrites it.
    }
  }
  return result
}
