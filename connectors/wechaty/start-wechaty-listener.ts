/**
 * Runs one Wechaty bot for a channel: login status to admins, citizens' messages into the durable
 * queue. Nothing in here may crash the bot: every failure is logged (and reported) and the bot goes on.
 */
import { type Contact, ScanStatus, type Wechaty, type Message as WechatyMessage } from 'wechaty'
import type { ConnectorStatus, ListenerContext } from '../spec.js'
import { acceptsWechatyMessage } from './room-filter.js'
import { snapshotWechatyMessage } from './snapshot-wechaty-message.js'
import type { WechatyConfig } from './wechaty-config.js'
import { wechatyListenRequest } from './wechaty-message-snapshot.js'

export interface WechatyListenerOptions {
  channelId: string
  config: Pick<WechatyConfig, 'rooms' | 'allowedRooms'>
  bot: Wechaty
  context: ListenerContext
  now: () => Date
  /** Sees every status the listener reports (the connector keeps the latest). */
  onStatus: (status: ConnectorStatus) => void
}

export interface WechatyListener {
  readonly bot: Wechaty
  /** Tracked from login/logout events: `bot.isLoggedIn` emits an `error` when the puppet is not up yet. */
  isLoggedIn(): boolean
  stop(): Promise<void>
}

export async function startWechatyListener({ channelId, config, bot, context, now, onStatus }: WechatyListenerOptions): Promise<WechatyListener> {
  let loggedIn = false
  let stopping = false
  /** Messages are handled one after the other, so the queue receives them in the order the bot saw them. */
  let handling: Promise<void> = Promise.resolve()

  const report = (status: ConnectorStatus): void => {
    onStatus(status)
    context.reportStatus(status).catch((error: unknown) => context.log('warn', 'wechaty status could not be reported', { channelId, error: describe(error) }))
  }

  const handle = async (message: WechatyMessage): Promise<void> => {
    let snapshot: Awaited<ReturnType<typeof snapshotWechatyMessage>>
    try {
      snapshot = await snapshotWechatyMessage(message)
    } catch (error) {
      context.log('error', 'wechaty message could not be read', { channelId, messageId: message.id, error: describe(error) })
      return
    }
    if (!acceptsWechatyMessage(snapshot, config)) return
    try {
      await context.enqueue(wechatyListenRequest(snapshot, now()))
    } catch (error) {
      // Wechaty has nothing to acknowledge or redeliver: the message is lost to the hub, so say which.
      context.log('error', 'wechaty message could not be enqueued', { channelId, messageId: snapshot.id, error: describe(error) })
    }
  }

  bot.on('scan', (qrCode: string, status: ScanStatus) => {
    report({ state: 'waiting_for_login', detail: `scan_${(ScanStatus[status] ?? 'unknown').toLowerCase()}`, ...(qrCode ? { qrCode } : {}) })
  })
  bot.on('login', (user: Contact) => {
    loggedIn = true
    report({ state: 'online', account: user.name() || user.id })
  })
  bot.on('logout', (user: Contact, reason?: string) => {
    loggedIn = false
    context.log('warn', 'wechaty bot logged out', { channelId, account: user.id, reason })
    report({ state: 'offline', detail: reason || 'logged out' })
  })
  bot.on('error', (error: Error) => {
    context.log('error', 'wechaty error', { channelId, error: describe(error) })
    // While logged in an error concerns one operation (an unknown contact looked up…), not the channel.
    if (!loggedIn && !stopping) report({ state: 'error', detail: describe(error) })
  })
  bot.on('message', (message: WechatyMessage) => {
    // The bot's own sends come back as messages too.
    if (stopping || message.self()) return
    handling = handling.then(() => handle(message))
  })

  report({ state: 'starting' })
  try {
    await bot.start()
  } catch (error) {
    report({ state: 'error', detail: describe(error) })
    await bot.stop().catch(() => undefined)
    throw error
  }

  return {
    bot,
    isLoggedIn: () => loggedIn && !stopping,
    async stop() {
      if (stopping) return
      stopping = true
      await handling
      try {
        await bot.stop()
      } catch (error) {
        context.log('warn', 'wechaty bot did not stop cleanly', { channelId, error: describe(error) })
      }
      loggedIn = false
      report({ state: 'offline', detail: 'stopped' })
    },
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
