import type { Redis } from 'ioredis'
import type { ChannelRegistry } from './channels/channel-registry.js'
import type { Env } from './config/env.js'
import type { HubConfig } from './config/hub-config-schema.js'
import type { Logger } from './infra/logger.js'
import type { HubQueues } from './pipeline/queues.js'
import type { EventBus } from './realtime/event-bus.js'

/** Everything a request handler, socket handler or job needs, passed explicitly (no module globals). */
export interface HubContext {
  env: Env
  config: HubConfig
  redis: Redis
  events: EventBus
  queues: HubQueues
  channels: ChannelRegistry
  hubSecret: string
  now: () => Date
  log: Logger
}
