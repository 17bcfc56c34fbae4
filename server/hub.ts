/**
 * Starts the hub's roles in this process: `api` (HTTP), `realtime` (sockets),
 * `worker` (queues). One process can run all three; deployments split them
 * with --roles. Returns a handle that stops everything in order.
 */
import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { OutboundMessage } from '../connectors/spec.js'
import { type AdminCredential, ensureAdmin } from './bootstrap/ensure-admin.js'
import { resolveHubSecret } from './bootstrap/hub-secret.js'
import { applyQueueMembers } from './bootstrap/queue-members.js'
import { type CreateConnectorOverride, createChannelRegistry } from './channels/channel-registry.js'
import { type ListenerRuntime, listenerChannels, startListeners } from './channels/listener-runtime.js'
import type { Env, ProcessRole } from './config/env.js'
import type { HubConfig } from './config/hub-config-schema.js'
import { createApp } from './http/create-app.js'
import type { HubContext } from './hub-context.js'
import { hasFfmpeg } from './infra/embedded/ffmpeg.js'
import type { Logger } from './infra/logger.js'
import { connectMongo, disconnectMongo } from './infra/mongo.js'
import { createRedis } from './infra/redis.js'
import { createRedisSharedCache } from './infra/redis-shared-cache.js'
import { ensureListIndex } from './lists/rebuild-on-boot.js'
import { loadMediaByUrl } from './media/media-store.js'
import { Conversation, type ConversationDoc } from './models/conversation.js'
import { Message, type MessageDoc } from './models/message.js'
import { createQueues } from './pipeline/queues.js'
import { presentConversation, presentMessage } from './presenters/present.js'
import { createEventBus, type EventBus } from './realtime/event-bus.js'
import { contactRoom } from './realtime/event-rooms.js'
import { type Gateway, startGateway } from './realtime/gateway.js'
import { startWebhookWorker } from './webhooks/index.js'
import { caseLookupFor } from './work-orders/status-lookup.js'
import { startInboundWorker } from './workers/inbound-worker.js'
import { startMediaWorker } from './workers/media-worker.js'
import { startOutboundWorker } from './workers/outbound-worker.js'
import { startRoutingWorker } from './workers/routing-worker.js'

export interface StartHubOptions {
  env: Env
  config: HubConfig
  roles: ReadonlySet<ProcessRole>
  mongoUri: string
  redisUrl: string
  distDir: string
  log: Logger
  /** Replaces the connector built from config for a channel (tests inject fakes such as a mock Wechaty puppet). */
  createConnector?: CreateConnectorOverride
  /** Answers "check my case" on channels like the IVR (default: the hub's work orders). */
  caseLookup?: (caseNumber: string, language: string) => Promise<string | undefined>
  /** Database name; tests use one per suite. */
  dbName?: string
  /** Emit the driver's command events (bench:inbox counts round trips with them). */
  monitorCommands?: boolean
  now?: () => Date
}

export interface HubHandle {
  context: HubContext
  /** Base URL of the HTTP server, when this process runs api or realtime. */
  url: string | null
  admin: AdminCredential | null
  gateway: Gateway | null
  stop(): Promise<void>
}

export async function startHub(options: StartHubOptions): Promise<HubHandle> {
  const { env, roles, log } = options
  const now = options.now ?? (() => new Date())
  await connectMongo(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands ?? false })
  const redis = createRedis(options.redisUrl, 'commands')
  const bullConnection = createRedis(options.redisUrl, 'bullmq')
  const events = createEventBus(redis)
  const hubSecret = resolveHubSecret(env.SESSION_SECRET, env.DATA_DIR)

  const channels = createChannelRegistry(options.config, {
    hubSecret,
    dependencies: {
      fetch: globalThis.fetch,
      now,
      generateId: randomUUID,
      deliverLocally: (message) => deliverToContactRoom(events, message),
      sharedCache: createRedisSharedCache(redis),
      loadMedia: loadMediaByUrl,
      caseLookup: options.caseLookup ?? caseLookupFor(options.config, redis),
    },
    ...(options.createConnector ? { override: options.createConnector } : {}),
  })
  const queues = createQueues(bullConnection, { dedicatedChannels: listenerChannels({ channels }).map((channel) => channel.config.id) })
  const context: HubContext = { env, config: options.config, redis, events, queues, channels, hubSecret, now, log }

  let admin: AdminCredential | null = null
  if (roles.has('api')) {
    admin = await ensureAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, queues: options.config.queues.map((queue) => queue.id), now: now() })
    await applyQueueMembers(options.config, (message) => log.warn(message))
    await ensureListIndex(context)
  }

  let server: Server | null = null
  let gateway: Gateway | null = null
  let subscriber: Redis | null = null
  if (roles.has('api') || roles.has('realtime')) {
    const app = createApp(context, { distDir: options.distDir })
    server = await new Promise<Server>((resolve) => {
      const started = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(started as Server))
    })
    if (roles.has('realtime')) {
      subscriber = createRedis(options.redisUrl, 'subscriber')
      gateway = await startGateway(context, server, subscriber)
    }
  }

  const workers: Worker[] = []
  let listeners: ListenerRuntime | null = null
  if (roles.has('worker')) {
    const canTranscode = hasFfmpeg()
    if (!canTranscode) log.warn('ffmpeg not found: voice messages are stored as received (not playable in browsers)')
    workers.push(
      startInboundWorker(context, bullConnection),
      startOutboundWorker(context, bullConnection),
      startMediaWorker(context, bullConnection, { canTranscode }),
      await startRoutingWorker(context, bullConnection),
      await startWebhookWorker(context, bullConnection),
    )
    listeners = startListeners(context, bullConnection, { canTranscode })
  }

  const address = server?.address() as AddressInfo | null
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST
  const url = address ? (env.PUBLIC_URL ?? `http://${host}:${address.port}`) : null

  return {
    context,
    url,
    admin,
    gateway,
    async stop() {
      await gateway?.close()
      if (server) {
        server.closeAllConnections?.()
        await new Promise<void>((resolve) => server?.close(() => resolve()))
      }
      await listeners?.stop()
      await Promise.all(workers.map((worker) => worker.close()))
      await context.queues.close()
      subscriber?.disconnect()
      await redis.quit()
      await bullConnection.quit()
      await disconnectMongo()
    },
  }
}

/** Webchat's "provider" is the hub itself: sending means publishing to the citizen's room. */
async function deliverToContactRoom(events: EventBus, outbound: OutboundMessage): Promise<void> {
  const message = await Message.findById(outbound.messageId).lean<MessageDoc>()
  const conversation = await Conversation.findById(outbound.conversationId).lean<ConversationDoc>()
  if (!message || !conversation) throw new Error(`Message ${outbound.messageId} vanished before delivery`)
  await events.publishTo([contactRoom(conversation.channel, outbound.recipient.externalId)], {
    type: 'message.created',
    conversation: presentConversation(conversation),
    message: presentMessage({ ...message, status: 'sent' }),
  })
}
