import { readFile } from 'node:fs/promises'
import { ImapFlow } from 'imapflow'
import { createTransport } from 'nodemailer'
import {
  type ChannelConnector,
  CONNECTOR_SPEC_VERSION,
  type ConnectorFactory,
  type ConnectorStatus,
  type FetchedMedia,
  type InboundRequest,
  type ListenerContext,
  type OutboundMessage,
  type RunningListener,
  type SendResult,
  type VerifyResult,
} from '../spec.js'
import { type AcceptRawEmailSettings, acceptRawEmail } from './accept-raw-email.js'
import { createEmailAttachmentStore, sha256FromEmailAttachmentUrl } from './attachment-store.js'
import type { OutboundEmailSettings } from './build-outbound-email.js'
import { EMAIL_DEFAULT_SMTP_PORT, type EmailConfig, type EmailImapInboundConfig, emailConfigProblems } from './email-config.js'
import { readEmailSnapshot } from './email-snapshot.js'
import { type ImapClient, type ImapPoller, startImapPoller } from './imap-poller.js'
import { mapEmailInbound } from './map-email-inbound.js'
import { createMemoryCache } from './memory-cache.js'
import { type EmailTransport, sendEmailMessage } from './send-email-message.js'
import { type SmtpListener, startSmtpListener } from './smtp-listener.js'

/** Email has no length limit worth the name; this keeps one reply from being a book. */
export const EMAIL_MAX_TEXT_LENGTH = 100_000

/**
 * The email channel: mail to the hotline addresses arrives through an SMTP listener and/or an
 * IMAP poller (`listen`, run by the hub in one worker per channel); agent replies leave through
 * an SMTP relay and thread in the citizen's client. See README.md in this folder.
 */
export interface EmailConnector extends ChannelConnector<EmailConfig> {
  readonly type: 'email'
  /** Always refuses: mail arrives through the listener, not a webhook. */
  verify(request: InboundRequest): VerifyResult
  /** Threads the reply with `replyTo` (In-Reply-To, References, subject of the mail answered). */
  send(message: OutboundMessage): Promise<SendResult>
  listen(context: ListenerContext): Promise<RunningListener>
  /** Reads an `email-attachment:` file staged by the listener (null for other urls). */
  fetchMedia(url: string): Promise<FetchedMedia | null>
  /** The connection state last reported by this process's listener (`offline` when none runs). */
  status(): ConnectorStatus
  /** The port this process's SMTP listener listens on, when it runs one. */
  smtpPort(): number | undefined
}

export interface EmailFactoryExtras {
  /** Where password, key and SMTP_PORT variables are looked up (default: process.env). */
  environment?: Readonly<Record<string, string | undefined>>
  /** Sends through this instead of an SMTP transport built from `outbound` (tests). */
  transport?: EmailTransport
  /** Builds the IMAP client instead of imapflow (tests). */
  createImapClient?: (settings: EmailImapInboundConfig, password: string) => ImapClient
  /** Overrides the listener's port (tests pass 0 for a free one). */
  smtpPort?: number
}

export const createEmailConnector: ConnectorFactory<EmailConfig> = (options) => createEmailConnectorWith(options)

export function createEmailConnectorWith({
  channelId,
  config,
  dependencies,
  environment = process.env,
  transport: injectedTransport,
  createImapClient,
  smtpPort: portOverride,
}: Parameters<ConnectorFactory<EmailConfig>>[0] & EmailFactoryExtras): EmailConnector {
  // The hub validates `configSchema.shape`, which drops the schema's cross-field checks: repeat them.
  const [problem] = emailConfigProblems(config)
  if (problem) throw new TypeError(`Channel "${channelId}": ${problem.path.join('.')}: ${problem.message}.`)
  const secret = (envName: string, what: string): string => {
    const value = environment[envName]
    if (!value) throw new TypeError(`Channel "${channelId}": ${what} is missing. Set the ${envName} environment variable.`)
    return value
  }

  const { smtp, imap } = config.inbound
  const outbound = config.outbound
  const relayPassword = outbound.passwordEnv ? secret(outbound.passwordEnv, 'the outbound SMTP password') : undefined
  const dkimKey = outbound.dkim ? secret(outbound.dkim.privateKeyEnv, 'the DKIM private key').replace(/\\n/g, '\n') : undefined
  const imapPassword = imap ? secret(imap.passwordEnv, 'the IMAP password') : undefined
  const smtpUsers = (smtp?.users ?? []).map((user) => ({
    username: user.username,
    password: secret(user.passwordEnv, `the password of SMTP user ${user.username}`),
  }))
  const listenPort = portOverride ?? smtp?.port ?? portFromEnvironment(channelId, environment.SMTP_PORT)

  const cache = dependencies.sharedCache ?? createMemoryCache(dependencies.now)
  const store = createEmailAttachmentStore({ channelId, cache, ttlSeconds: config.attachmentRetentionHours * 3600 })
  const fromAddress = outbound.from ?? (config.addresses[0] as string)
  const outboundSettings: OutboundEmailSettings = {
    from: { address: fromAddress, ...(config.displayName ? { name: config.displayName } : {}) },
    defaultSubject: outbound.defaultSubject ?? config.displayName ?? 'Your message',
    subjectToken: config.threading.subjectToken,
    replyToToken: config.threading.replyToToken,
  }
  let transport: EmailTransport | undefined = injectedTransport
  const transportFor = (): EmailTransport => {
    transport ??= createTransport({
      host: outbound.host,
      port: outbound.port,
      secure: outbound.secure,
      requireTLS: outbound.requireTLS,
      pool: outbound.pool,
      maxConnections: outbound.maxConnections,
      ...(outbound.user && relayPassword ? { auth: { user: outbound.user, pass: relayPassword } } : {}),
      ...(outbound.dkim && dkimKey ? { dkim: { domainName: outbound.dkim.domain, keySelector: outbound.dkim.selector, privateKey: dkimKey } } : {}),
    })
    return transport
  }

  let running: { smtp?: SmtpListener; imap?: ImapPoller } | undefined
  let starting = false
  let currentStatus: ConnectorStatus = { state: 'offline' }

  const connector: EmailConnector = {
    specificationVersion: CONNECTOR_SPEC_VERSION,
    type: 'email',
    channelId,
    config,
    capabilities: {
      messageTypes: ['text', 'image', 'file', 'audio', 'video'],
      typingIndicator: false,
      // Failures only: a bounce (DSN) marks the mail failed.
      deliveryReceipts: true,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: EMAIL_MAX_TEXT_LENGTH,
      replyContext: true,
    },

    verify() {
      return {
        ok: false,
        status: 400,
        code: 'webhook_not_supported',
        message: 'Email channels have no webhook: mail arrives through the SMTP listener or the IMAP poller.',
      }
    },

    parseInbound(request) {
      const snapshot = readEmailSnapshot(request)
      return snapshot ? mapEmailInbound(snapshot, { addresses: config.addresses, threading: config.threading }) : []
    },

    send(message) {
      return sendEmailMessage(message, {
        transport: transportFor(),
        settings: outboundSettings,
        ...(dependencies.loadMedia ? { loadMedia: dependencies.loadMedia } : {}),
      })
    },

    async listen(context) {
      if (running || starting) throw new Error(`Channel "${channelId}": the email listener is already running.`)
      starting = true
      const parts: { smtp?: SmtpListener; imap?: ImapPoller } = {}
      let imapProblem: string | undefined
      const report = () => {
        const detail = [parts.smtp ? `smtp :${parts.smtp.port}` : undefined, imap ? `imap ${imap.mailbox}` : undefined].filter(Boolean).join(', ')
        const status: ConnectorStatus = imapProblem ? { state: 'error', detail: imapProblem } : { state: 'online', detail, account: fromAddress }
        if (status.state === currentStatus.state && status.detail === currentStatus.detail) return
        currentStatus = status
        context.reportStatus(status).catch((error: unknown) => context.log('warn', 'email status could not be reported', { channelId, error: String(error) }))
      }
      const acceptSettings: AcceptRawEmailSettings = {
        channelId,
        addresses: config.addresses,
        allowRemoteImages: config.remoteImages === 'allow',
        store,
        context,
        now: dependencies.now,
      }
      try {
        if (smtp) {
          const tls = smtp.tls ? { key: await readFile(smtp.tls.keyPath), cert: await readFile(smtp.tls.certPath) } : undefined
          parts.smtp = await startSmtpListener({
            channelId,
            host: smtp.host,
            port: listenPort,
            hostname: smtp.hostname,
            addresses: config.addresses,
            maxMessageBytes: config.maxMessageBytes,
            tls,
            users: smtpUsers,
            requireAuth: smtp.requireAuth,
            allowInsecureAuth: smtp.allowInsecureAuth,
            maxConnections: smtp.maxConnections,
            accept: (raw, envelope) => acceptRawEmail(raw, { source: 'smtp', envelope }, acceptSettings),
            log: context.log,
          })
        }
        if (imap && imapPassword !== undefined) {
          parts.imap = startImapPoller({
            channelId,
            settings: imap,
            maxMessageBytes: config.maxMessageBytes,
            cache,
            createClient: () => (createImapClient ? createImapClient(imap, imapPassword) : createImapFlowClient(imap, imapPassword)),
            accept: (raw, origin) => {
              const { truncatedSize, ...position } = origin
              return acceptRawEmail(raw, { source: 'imap', imap: position, ...(truncatedSize !== undefined ? { truncatedSize } : {}) }, acceptSettings)
            },
            log: context.log,
            onStatus: (status) => {
              imapProblem = status.ok ? undefined : status.detail
              report()
            },
          })
        }
      } catch (error) {
        await parts.imap?.stop()
        await parts.smtp?.stop()
        starting = false
        currentStatus = { state: 'error', detail: error instanceof Error ? error.message : String(error) }
        await context.reportStatus(currentStatus).catch(() => undefined)
        throw error
      }
      starting = false
      running = parts
      report()
      return {
        async stop() {
          if (running === parts) running = undefined
          await parts.imap?.stop()
          await parts.smtp?.stop()
          currentStatus = { state: 'offline', detail: 'stopped' }
          await context.reportStatus(currentStatus).catch(() => undefined)
        },
      }
    },

    async fetchMedia(url) {
      const sha256 = sha256FromEmailAttachmentUrl(url)
      if (!sha256) return null
      const media = await store.load(sha256)
      // Thrown, not null: null means "not mine", and the media job would keep a placeholder forever.
      if (!media)
        throw new Error(
          `Email attachment ${sha256} is no longer staged (older than ${config.attachmentRetentionHours} h, or staged by another process without a shared cache).`,
        )
      return media
    },

    status() {
      return currentStatus
    },

    smtpPort() {
      return running?.smtp?.port
    },
  }
  return connector
}

export function isEmailConnector(connector: ChannelConnector): connector is EmailConnector {
  return connector.type === 'email'
}

function portFromEnvironment(channelId: string, value: string | undefined): number {
  if (value === undefined || value === '') return EMAIL_DEFAULT_SMTP_PORT
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new TypeError(`Channel "${channelId}": SMTP_PORT must be a port number, not "${value}".`)
  return port
}

/** The production IMAP client (imapflow) for a mailbox's settings. */
export function createImapFlowClient(settings: Pick<EmailImapInboundConfig, 'host' | 'port' | 'secure' | 'user' | 'idle'>, password: string): ImapClient {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: password },
    logger: false,
    disableAutoIdle: !settings.idle,
    // Servers drop IDLE after 30 minutes (RFC 2177); restart it well before.
    maxIdleTime: 5 * 60 * 1000,
    // IDLE as soon as a pass is over (imapflow waits 15 s by default): new mail then comes in at once.
    // A pass holds the mailbox lock for all its commands, so IDLE never cuts into one.
    autoIdleDelay: 1000,
  })
}
