/**
 * Makes sure the list index exists before the API serves lists: rebuilt from the database when
 * Redis does not have it (first start, a flushed or replaced Redis), by one process at a time.
 */
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { isListIndexReady, listKeys, rebuildListIndex } from './list-index.js'

const BATCH = 1000

export async function ensureListIndex(context: Pick<HubContext, 'redis' | 'log'>, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && (await isListIndexReady(context.redis))) return
  await withRedisLock(
    context.redis,
    'sb:lock:list-rebuild',
    async () => {
      if (!options.force && (await isListIndexReady(context.redis))) return
      await context.redis.del(listKeys.ready)
      const count = await rebuildListIndex(context.redis, batches(), (message) => context.log.info(message))
      context.log.info('list index rebuilt', { conversations: count })
    },
    { ttlMs: 30 * 60_000, waitMs: 30 * 60_000 },
  )
}

/** Every conversation, streamed by one query (a paged `_id` range would rescan on FerretDB). */
async function* batches(): AsyncIterable<ConversationDoc[]> {
  let batch: ConversationDoc[] = []
  const cursor = Conversation.find({}).lean().cursor({ batchSize: BATCH })
  for await (const conversation of cursor) {
    batch.push(conversation as ConversationDoc)
    if (batch.length >= BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
