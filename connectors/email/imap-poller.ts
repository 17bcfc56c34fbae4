/**
 * Takes mail from an existing mailbox (imapflow): on start, on IMAP IDLE news (`exists`) and
 * every `pollIntervalSeconds`, one pass at a time.
 *
 * Where it got to is remembered per channel and mailbox in the shared cache as UIDVALIDITY plus
 * the last UID taken, written after each mail is queued: a restart (or another worker taking
 * over) goes on from there, so nothing is lost, and at most the one mail being queued when the
 * process died is taken twice (the hub dedupes it by Message-ID). With no position yet, or when
 * the server's UIDVALIDITY changed (the UIDs mean nothing any more), it takes the unread mail
 * and starts counting from the mailbox's UIDNEXT.
 *
 * Commands are never issued from an event handler while another command runs: `exists` only
 * schedules a pass, and passes fetch one message at a time (no open fetch iterator).
 */
import type { FetchMessageObject, FetchQueryObject, SearchObject } from 'imapflow'
import type { ListenerContext, SharedCache } from '../spec.js'
import { EmailParseError } from './accept-raw-email.js'
import type { EmailImapInboundConfig } from './email-config.js'

/** The part of imapflow's `ImapFlow` the poller uses (tests pass a fake). */
export interface ImapClient {
  readonly usable: boolean
  readonly mailbox: { uidValidity: bigint; uidNext: number } | false
  connect(): Promise<void>
  logout(): Promise<void>
  close(): void
  getMailboxLock(path: string): Promise<{ release(): void }>
  search(query: SearchObject, options: { uid: true }): Promise<number[] | false | undefined>
  fetchOne(range: string, query: FetchQueryObject, options: { uid: true }): Promise<FetchMessageObject | false>
  messageFlagsAdd(range: string, flags: string[], options: { uid: true }): Promise<boolean>
  on(event: 'exists' | 'close', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

export interface ImapOrigin {
  mailbox: string
  uidValidity: string
  uid: number
  /** Set when only the headers were fetched: the mail's real size. */
  truncatedSize?: number
}

export interface ImapPosition {
  uidValidity: string
  lastUid: number
}

export interface ImapPollerOptions {
  channelId: string
  settings: Pick<EmailImapInboundConfig, 'mailbox' | 'pollIntervalSeconds' | 'markSeen'>
  maxMessageBytes: number
  cache: SharedCache
  createClient: () => ImapClient
  /** Parses, stages and enqueues one mail; resolves once it is queued. */
  accept: (raw: Buffer, origin: ImapOrigin) => Promise<unknown>
  log: ListenerContext['log']
  onStatus: (status: { ok: true } | { ok: false; detail: string }) => void
  /** Wait before reconnecting after the server closed the connection. */
  reconnectDelayMs?: number
}

export interface ImapPoller {
  /** Runs a pass now (or joins the running one, which then makes one more). */
  pollNow(): Promise<void>
  stop(): Promise<void>
}

/** Positions outlive any realistic downtime; SharedCache entries must expire, so: ten years. */
const POSITION_TTL_SECONDS = 10 * 365 * 24 * 3600

export function imapPositionKey(channelId: string, mailbox: string): string {
  return `email-imap-position:${channelId}:${mailbox}`
}

export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  const { channelId, log, settings } = options
  const positionKey = imapPositionKey(channelId, settings.mailbox)
  let client: ImapClient | undefined
  let stopped = false
  let running: Promise<void> | undefined
  let again = false
  const timers = new Set<ReturnType<typeof setTimeout>>()

  const readPosition = async (): Promise<ImapPosition | undefined> => {
    const value = await options.cache.get(positionKey)
    if (!value) return undefined
    try {
      const parsed = JSON.parse(value) as Partial<ImapPosition>
      return typeof parsed.uidValidity === 'string' && typeof parsed.lastUid === 'number'
        ? { uidValidity: parsed.uidValidity, lastUid: parsed.lastUid }
        : undefined
    } catch {
      return undefined
    }
  }
  const writePosition = (position: ImapPosition) => options.cache.set(positionKey, JSON.stringify(position), POSITION_TTL_SECONDS)

  const connected = async (): Promise<ImapClient> => {
    if (client?.usable) return client
    const next = options.createClient()
    next.on('error', (error: Error) => log('warn', 'imap connection error', { channelId, error: error.message }))
    next.on('exists', () => {
      void schedule()
    })
    next.on('close', () => {
      if (client === next) client = undefined
      if (!stopped) later(options.reconnectDelayMs ?? 5000)
    })
    await next.connect()
    client = next
    return next
  }

  /** Fetches one mail and hands it over; false when it vanished (expunged meanwhile). */
  const take = async (imap: ImapClient, uid: number, uidValidity: string): Promise<void> => {
    const range = String(uid)
    const origin: ImapOrigin = { mailbox: settings.mailbox, uidValidity, uid }
    const meta = await imap.fetchOne(range, { uid: true, size: true }, { uid: true })
    if (!meta) return
    let raw: Buffer | undefined
    if ((meta.size ?? 0) > options.maxMessageBytes) {
      log('warn', 'imap mail over the size limit: taking its headers only', { channelId, uid, size: meta.size })
      raw = ((await imap.fetchOne(range, { uid: true, headers: true }, { uid: true })) || undefined)?.headers
      origin.truncatedSize = meta.size ?? 0
    } else {
      raw = ((await imap.fetchOne(range, { uid: true, source: true }, { uid: true })) || undefined)?.source
    }
    if (!raw) return
    try {
      await options.accept(raw, origin)
    } catch (error) {
      // Unreadable mail would block the mailbox forever: skip it (it stays there for a human).
      if (!(error instanceof EmailParseError)) throw error
      log('warn', 'imap mail skipped: unreadable', { channelId, uid, error: error.message })
    }
  }

  const markSeen = async (imap: ImapClient, uid: number) => {
    if (settings.markSeen) await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })
  }

  const pass = async (imap: ImapClient): Promise<void> => {
    const lock = await imap.getMailboxLock(settings.mailbox)
    try {
      const mailbox = imap.mailbox
      if (!mailbox) throw new Error(`mailbox ${settings.mailbox} is not open`)
      const uidValidity = String(mailbox.uidValidity)
      const position = await readPosition()
      if (position && position.uidValidity === uidValidity) {
        // `n:*` also matches the highest UID when it is below n: filter.
        const found = (await imap.search({ uid: `${position.lastUid + 1}:*` }, { uid: true })) || []
        for (const uid of sortedAbove(found, position.lastUid)) {
          if (stopped) return
          await take(imap, uid, uidValidity)
          await writePosition({ uidValidity, lastUid: uid })
          await markSeen(imap, uid)
        }
        return
      }
      if (position)
        log('warn', 'imap UIDVALIDITY changed: taking unread mail again', { channelId, mailbox: settings.mailbox, was: position.uidValidity, now: uidValidity })
      const unread = (await imap.search({ seen: false }, { uid: true })) || []
      // Anything arriving from now on gets a UID of at least UIDNEXT.
      const baseline = mailbox.uidNext > 0 ? mailbox.uidNext - 1 : Math.max(0, ...unread)
      for (const uid of sortedAbove(unread, 0)) {
        if (stopped) return
        if (uid > baseline) continue
        await take(imap, uid, uidValidity)
        await markSeen(imap, uid)
      }
      await writePosition({ uidValidity, lastUid: baseline })
    } finally {
      lock.release()
    }
  }

  function schedule(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        try {
          await pass(await connected())
          options.onStatus({ ok: true })
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error)
          log('error', 'imap poll failed', { channelId, error: detail })
          options.onStatus({ ok: false, detail: `imap: ${detail}` })
          break
        }
      } while (again && !stopped)
    })().finally(() => {
      running = undefined
    })
    return running
  }

  function later(delayMs: number) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      void schedule()
    }, delayMs)
    timer.unref?.()
    timers.add(timer)
  }

  const interval = setInterval(() => void schedule(), settings.pollIntervalSeconds * 1000)
  interval.unref?.()
  void schedule()

  return {
    pollNow: schedule,
    async stop() {
      stopped = true
      clearInterval(interval)
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await running
      const current = client
      client = undefined
      if (!current) return
      try {
        await current.logout()
      } catch {
        current.close()
      }
    },
  }
}

function sortedAbove(uids: readonly number[], floor: number): number[] {
  return [...new Set(uids)].filter((uid) => uid > floor).sort((left, right) => left - right)
}
