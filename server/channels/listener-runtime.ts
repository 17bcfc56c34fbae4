/**
 * Runs the connection-holding channels (a Wechaty bot…) in exactly one worker process each.
 *
 * A Redis lease per channel elects the process; it renews the lease while it runs the listener
 * and consumes the channel's own job queue (sends and downloads need the live connection). If
 * that process dies, the lease expires and a standby worker takes over within ~LEASE_MS.
 */
import { randomUUID } from 'node:crypto'
import { type ConnectionOptions, type Job, Worker } from 'bullmq'
import type { HubContext } from '../hub-context.js'
import { CHANNEL_JOB, channelQueueName, type MediaJob, type OutboundJob } from '../pipeline/queues.js'
import { processMedia } from '../workers/media-worker.js'
import { processOutbound } from '../workers/outbound-worker.js'
import type { ChannelEntry } from './channel-registry.js'
import { writeChannelStatus } from './channel-status.js'

const LEASE_MS = 30_000
const RENEW_MS = 10_000

// Renews the lease only if this process still holds it (compare-and-expire).
const RENEW_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

export function listenerChannels(context: Pick<HubContext, 'channels'>): ChannelEntry[] {
  return [...context.channels.values()].filter((channel) => typeof channel.connector.listen === 'function')
}

export interface ListenerRuntime {
  stop(): Promise<void>
}

export function startListeners(context: HubContext, connection: ConnectionOptions, options: { canTranscode: boolean }): ListenerRuntime {
  const token = randomUUID()
  const runners = listenerChannels(context).map((channel) => runWithLease(context, connection, channel, token, options))
  return {
    async stop() {
      await Promise.all(runners.map((runner) => runner.stop()))
    },
  }
}

function runWithLease(context: HubContext, connection: ConnectionOptions, channel: ChannelEntry, token: string, options: { canTranscode: boolean }) {
  const channelId = channel.config.id
  const leaseKey = `sb:listener-lease:${channelId}`
  let stopped = false
  let active: { stop(): Promise<void> } | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: Promise<void> = Promise.resolve()
  const log = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) => context.log[level](message, { channelId, ...fields })

  async function start(): Promise<void> {
    const listen = channel.connector.listen
    if (!listen) return
    const running = await listen.call(channel.connector, {
      enqueue: (request) => context.queues.enqueueInbound(channelId, request),
      reportStatus: (status) => writeChannelStatus(context.redis, channelId, status, context.now()),
      log,
    })
    const send = processOutbound(context)
    const download = processMedia(context, options)
    const worker = new Worker<OutboundJob | MediaJob>(
      channelQueueName(channelId),
      (job: Job<OutboundJob | MediaJob>) => (job.name === CHANNEL_JOB.media ? download(job as Job<MediaJob>) : send(job as Job<OutboundJob>)),
      { connection, concurrency: 4 },
    )
    active = {
      async stop() {
        await worker.close()
        await running.stop()
      },
    }
    log('info', 'channel listener started in this process')
  }

  async function tick(): Promise<void> {
    if (stopped) return
    try {
      if (active) {
        const renewed = await context.redis.eval(RENEW_SCRIPT, 1, leaseKey, token, String(LEASE_MS))
        if (renewed !== 1) {
          log('warn', 'listener lease lost; stopping here (another worker runs it now)')
          const current = active
          active = null
          await current.stop()
        }
      } else if ((await context.redis.set(leaseKey, token, 'PX', LEASE_MS, 'NX')) === 'OK') {
        await start().catch(async (error: unknown) => {
          log('error', 'channel listener failed to start', { error: String(error) })
          await writeChannelStatus(context.redis, channelId, { state: 'error', detail: String(error) }, context.now())
          await context.redis.eval(RELEASE_SCRIPT, 1, leaseKey, token)
        })
      }
    } catch (error) {
      log('warn', 'listener lease check failed', { error: String(error) })
    }
    if (!stopped) timer = setTimeout(schedule, RENEW_MS)
  }
  const schedule = () => {
    inFlight = tick()
  }
  schedule()

  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      // A start in progress finishes first, so its listener is stopped too.
      await inFlight
      const current = active
      active = null
      await current?.stop()
      await context.redis.eval(RELEASE_SCRIPT, 1, leaseKey, token).catch(() => {})
    },
  }
}
