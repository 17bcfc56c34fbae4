/**
 * The SMTP listener (smtp-server) for mail MX-routed or forwarded to the hotline addresses.
 * - RCPT TO an address that is not the channel's (or a plus address of it): 550 5.1.1.
 * - Over the size limit: 552 5.3.4 (advertised with SIZE; checked again on the data).
 * - A mail is answered 250 only after `accept` resolved, i.e. after it is durably queued;
 *   a queue failure answers 451 4.3.0, so the sending server keeps it and retries.
 * - A mail mailparser cannot read at all: 554 5.6.0 (a retry would fail the same way).
 */
import { timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import type { ListenerContext } from '../spec.js'
import { EmailParseError } from './accept-raw-email.js'
import { matchChannelAddress } from './email-address.js'

export interface SmtpEnvelope {
  /** `''` for `MAIL FROM:<>`. */
  mailFrom: string
  rcptTo: string[]
}

export interface SmtpListenerOptions {
  channelId: string
  host: string
  /** 0 picks a free port (tests). */
  port: number
  hostname?: string | undefined
  addresses: readonly string[]
  maxMessageBytes: number
  /** Offer STARTTLS with these (PEM). */
  tls?: { key: Buffer | string; cert: Buffer | string } | undefined
  users: readonly { username: string; password: string }[]
  requireAuth: boolean
  allowInsecureAuth: boolean
  maxConnections: number
  /** Parses, stages and enqueues one mail; resolves once it is queued. */
  accept: (raw: Buffer, envelope: SmtpEnvelope) => Promise<unknown>
  log: ListenerContext['log']
}

export interface SmtpListener {
  /** The port it listens on (the chosen one when started with 0). */
  readonly port: number
  stop(): Promise<void>
}

export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { channelId, log } = options
  const disabledCommands: string[] = []
  if (!options.tls) disabledCommands.push('STARTTLS')
  if (options.users.length === 0) disabledCommands.push('AUTH')

  const server = new SMTPServer({
    secure: false,
    ...(options.hostname ? { name: options.hostname } : {}),
    banner: 'Switchboard mail intake',
    size: options.maxMessageBytes,
    authOptional: !(options.requireAuth && options.users.length > 0),
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: options.allowInsecureAuth,
    disabledCommands,
    maxClients: options.maxConnections,
    closeTimeout: 5000,
    logger: false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),

    onAuth(auth, _session, callback) {
      const user = options.users.find((candidate) => candidate.username === auth.username)
      if (!user || typeof auth.password !== 'string' || !sameSecret(auth.password, user.password)) {
        callback(smtpError(535, '5.7.8 Authentication credentials invalid'))
        return
      }
      callback(null, { user: user.username })
    },

    onRcptTo(address, _session, callback) {
      if (!matchChannelAddress(address.address, options.addresses)) {
        callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`))
        return
      }
      callback()
    },

    onData(stream, session, callback) {
      readMessage(stream, options.maxMessageBytes).then(
        (raw) => {
          if (raw === undefined) {
            callback(smtpError(552, `5.3.4 Message exceeds the maximum size of ${options.maxMessageBytes} bytes`))
            return
          }
          options.accept(raw, envelopeOf(session)).then(
            () => callback(null, 'OK: queued'),
            (error: unknown) => {
              if (error instanceof EmailParseError) {
                log('warn', 'smtp mail refused: unreadable', { channelId, error: error.message })
                callback(smtpError(554, '5.6.0 Message could not be parsed'))
                return
              }
              log('error', 'smtp mail could not be queued', { channelId, error: describe(error) })
              callback(smtpError(451, '4.3.0 Temporary failure, please try again later'))
            },
          )
        },
        (error: unknown) => {
          log('warn', 'smtp data stream failed', { channelId, error: describe(error) })
          callback(smtpError(451, '4.3.0 Temporary failure, please try again later'))
        },
      )
    },
  })
  server.on('error', (error: Error) => log('warn', 'smtp listener error', { channelId, error: error.message }))

  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error)
    server.server.once('error', fail)
    server.listen(options.port, options.host, () => {
      server.server.off('error', fail)
      resolve()
    })
  })
  const port = (server.server.address() as AddressInfo).port
  log('info', 'smtp listener started', { channelId, host: options.host, port })

  let stopping: Promise<void> | undefined
  return {
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => server.close(() => resolve()))
      return stopping
    },
  }
}

/** The whole message, or undefined when it is over the limit (read to the end either way: the client waits for our answer). */
function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length
      if (length <= maxBytes) chunks.push(chunk)
    })
    stream.on('error', reject)
    stream.on('end', () => resolve(stream.sizeExceeded || length > maxBytes ? undefined : Buffer.concat(chunks, length)))
  })
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const mailFrom = session.envelope.mailFrom
  return { mailFrom: mailFrom ? mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address) }
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode })
}

function sameSecret(given: string, expected: string): boolean {
  const left = Buffer.from(given)
  const right = Buffer.from(expected)
  return left.length === right.length && timingSafeEqual(left, right)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
