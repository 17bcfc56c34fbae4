import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTransport, type SendMailOptions } from 'nodemailer'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EmailParseError } from './accept-raw-email.js'
import { type SmtpEnvelope, type SmtpListener, type SmtpListenerOptions, startSmtpListener } from './smtp-listener.js'

const CHANNEL = '12345@city.gov.cn'

interface Received {
  raw: Buffer
  envelope: SmtpEnvelope
}

interface Harness {
  listener: SmtpListener
  received: Received[]
  logs: { level: string; message: string; fields?: Record<string, unknown> }[]
}

const started: SmtpListener[] = []

afterEach(async () => {
  await Promise.all(started.splice(0).map((listener) => listener.stop()))
})

/** A listener on a free loopback port; `accept` records what it gets, then runs `behaviour` (resolves by default). */
async function start(patch: Partial<SmtpListenerOptions> = {}, behaviour: (received: Received) => Promise<unknown> = async () => {}): Promise<Harness> {
  const received: Received[] = []
  const logs: Harness['logs'] = []
  const listener = await startSmtpListener({
    channelId: 'ch_email',
    host: '127.0.0.1',
    port: 0,
    hostname: 'mx.city.gov.cn',
    addresses: [CHANNEL],
    maxMessageBytes: 64 * 1024,
    users: [],
    requireAuth: false,
    allowInsecureAuth: false,
    maxConnections: 10,
    log: (level, message, fields) => logs.push(fields ? { level, message, fields } : { level, message }),
    ...patch,
    accept: (raw, envelope) => {
      const entry = { raw, envelope }
      received.push(entry)
      return behaviour(entry)
    },
  })
  started.push(listener)
  return { listener, received, logs }
}

type TransportOptions = {
  auth?: { user: string; pass: string }
  requireTLS?: boolean
  tls?: { rejectUnauthorized: boolean }
}

function transport(port: number, options: TransportOptions = {}) {
  return createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    name: 'client.example.cn',
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 5000,
    ...options,
  })
}

function mail(patch: Partial<SendMailOptions> = {}): SendMailOptions {
  return {
    from: 'zhangsan@example.cn',
    to: CHANNEL,
    subject: '关于社保卡补办的咨询',
    text: '您好，请问社保卡丢失后如何补办？\n.a line that starts with a dot\n',
    ...patch,
  }
}

/** The error a send failed with (the test fails if it succeeded). */
async function failure(sending: Promise<unknown>): Promise<{ code?: string; responseCode?: number; response?: string; message: string }> {
  try {
    await sending
  } catch (error) {
    return error as { code?: string; responseCode?: number; response?: string; message: string }
  }
  throw new Error('the mail was expected to be refused, it was accepted')
}

/** The server's EHLO answer, read over a plain socket (the extensions it offers). */
function ehlo(port: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let buffered = ''
    let greeted = false
    socket.setEncoding('utf8')
    socket.on('error', reject)
    socket.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\r\n')
      const last = lines.findIndex((line) => /^\d{3} /.test(line))
      if (last === -1) return
      if (!greeted) {
        greeted = true
        buffered = lines.slice(last + 1).join('\r\n')
        socket.write('EHLO client.example.cn\r\n')
        return
      }
      socket.end('QUIT\r\n')
      resolve(lines.slice(1, last + 1).map((line) => line.slice(4)))
    })
  })
}

function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((settle) => {
    resolve = settle
  })
  return { promise, resolve }
}

describe('startSmtpListener: delivery', () => {
  it('answers 250 only once accept resolved, and hands it the envelope and the raw bytes', async () => {
    const called = deferred()
    const queued = deferred()
    const { listener, received } = await start({}, async () => {
      called.resolve()
      await queued.promise
    })
    expect(listener.port).toBeGreaterThan(0)

    let settled = false
    const sending = transport(listener.port)
      .sendMail(mail({ envelope: { from: 'bounce+zs@example.cn', to: [CHANNEL] } }))
      .finally(() => {
        settled = true
      })
    await called.promise
    // accept is running, the data is all in: the client still waits for the server's answer.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(settled).toBe(false)

    queued.resolve()
    const info = await sending
    expect(info.response).toMatch(/^250 /)
    expect(info.response).toContain('OK: queued')
    expect(info.accepted).toEqual([CHANNEL])
    expect(info.rejected).toEqual([])

    expect(received).toHaveLength(1)
    const [{ raw, envelope }] = received as [Received]
    expect(envelope).toEqual({ mailFrom: 'bounce+zs@example.cn', rcptTo: [CHANNEL] })
    expect(Buffer.isBuffer(raw)).toBe(true)
    const text = raw.toString('utf8')
    expect(text).toMatch(/^From: zhangsan@example\.cn$/m)
    expect(text).toMatch(/^To: 12345@city\.gov\.cn$/m)
    expect(text).toMatch(/^Subject: =\?UTF-8\?/m)
    expect(text).toContain(`Message-ID: ${info.messageId}`)
    // Dot-stuffing undone: the line reaches accept as the client wrote it, and the terminating dot is not in it.
    expect(text).toMatch(/\r\n\.a line that starts with a dot\r\n/)
    expect(text).not.toMatch(/\r\n\.\r\n$/)
  })

  it('accepts a plus address of the channel (local part in any case) and the null sender', async () => {
    const { listener, received } = await start()
    const info = await transport(listener.port).sendMail(mail({ to: '12345+Abc@city.gov.cn', envelope: { from: '', to: ['12345+Abc@city.gov.cn'] } }))
    expect(info.response).toMatch(/^250 /)
    expect(received.map((entry) => entry.envelope)).toEqual([{ mailFrom: '', rcptTo: ['12345+Abc@city.gov.cn'] }])
  })

  it('an unknown recipient: 550 5.1.1, accept not called', async () => {
    const { listener, received } = await start()
    const error = await failure(transport(listener.port).sendMail(mail({ to: 'someone@city.gov.cn' })))
    expect(error.code).toBe('EENVELOPE')
    expect(error.responseCode).toBe(550)
    expect(error.response).toMatch(/^550 5\.1\.1 <someone@city\.gov\.cn>: no such mailbox here/)
    expect(received).toEqual([])
  })

  it('known and unknown recipients together: the known one gets the mail, the unknown one is refused with 550', async () => {
    const { listener, received } = await start()
    const info = await transport(listener.port).sendMail(mail({ to: ['other@example.cn', CHANNEL] }))
    expect(info.response).toMatch(/^250 /)
    expect(info.accepted).toEqual([CHANNEL])
    expect(info.rejected).toEqual(['other@example.cn'])
    expect((info.rejectedErrors ?? []).map((error) => (error as { responseCode?: number }).responseCode)).toEqual([550])
    expect(received.map((entry) => entry.envelope.rcptTo)).toEqual([[CHANNEL]])
  })

  it('over maxMessageBytes: 552, accept not called', async () => {
    const { listener, received } = await start({ maxMessageBytes: 2048 })
    expect(await ehlo(listener.port)).toContain('SIZE 2048')
    const error = await failure(transport(listener.port).sendMail(mail({ text: 'x'.repeat(4000) })))
    expect(error.responseCode).toBe(552)
    expect(error.response).toMatch(/^552 5\.3\.4 Message exceeds the maximum size of 2048 bytes/)
    expect(received).toEqual([])

    // The listener still takes a mail under the limit.
    const info = await transport(listener.port).sendMail(mail({ text: 'short' }))
    expect(info.response).toMatch(/^250 /)
    expect(received).toHaveLength(1)
  })

  it('accept failing: 451 4.3.0 (temporary, the sender retries), logged as an error', async () => {
    const { listener, received, logs } = await start({}, async () => {
      throw new Error('queue unavailable')
    })
    const error = await failure(transport(listener.port).sendMail(mail()))
    expect(error.responseCode).toBe(451)
    expect(error.response).toMatch(/^451 4\.3\.0 /)
    expect(received).toHaveLength(1)
    expect(logs).toContainEqual({ level: 'error', message: 'smtp mail could not be queued', fields: { channelId: 'ch_email', error: 'queue unavailable' } })
  })

  it('accept throwing EmailParseError: 554 5.6.0 (permanent)', async () => {
    const { listener, received, logs } = await start({}, async () => {
      throw new EmailParseError(new Error('garbage'))
    })
    const error = await failure(transport(listener.port).sendMail(mail()))
    expect(error.responseCode).toBe(554)
    expect(error.response).toMatch(/^554 5\.6\.0 Message could not be parsed/)
    expect(received).toHaveLength(1)
    expect(logs.map((entry) => [entry.level, entry.message])).toContainEqual(['warn', 'smtp mail refused: unreadable'])
  })
})

describe('startSmtpListener: AUTH', () => {
  const auth = { users: [{ username: 'relay', password: 's3cret-pässword' }], requireAuth: true, allowInsecureAuth: true }

  it('required: an unauthenticated client is refused with 530, accept not called', async () => {
    const { listener, received } = await start(auth)
    expect(await ehlo(listener.port)).toContain('AUTH PLAIN LOGIN')
    const error = await failure(transport(listener.port).sendMail(mail()))
    expect(error.responseCode).toBe(530)
    expect(error.response).toMatch(/^530 .*authentication required/i)
    expect(received).toEqual([])
  })

  it('a wrong password or an unknown user: 535 5.7.8', async () => {
    const { listener, received } = await start(auth)
    for (const credentials of [
      { user: 'relay', pass: 'wrong' },
      { user: 'relay', pass: 's3cret-pässwort' },
      { user: 'nobody', pass: 's3cret-pässword' },
    ]) {
      const error = await failure(transport(listener.port, { auth: credentials }).sendMail(mail()))
      expect(error.code).toBe('EAUTH')
      expect(error.responseCode).toBe(535)
      expect(error.response).toMatch(/^535 5\.7\.8 Authentication credentials invalid/)
    }
    expect(received).toEqual([])
  })

  it('the right credentials: accepted', async () => {
    const { listener, received } = await start(auth)
    const info = await transport(listener.port, { auth: { user: 'relay', pass: 's3cret-pässword' } }).sendMail(mail())
    expect(info.response).toMatch(/^250 /)
    expect(received.map((entry) => entry.envelope)).toEqual([{ mailFrom: 'zhangsan@example.cn', rcptTo: [CHANNEL] }])
  })

  it('without users: AUTH is not offered, mail is taken without it', async () => {
    const { listener, received } = await start({ users: [], requireAuth: false, allowInsecureAuth: true })
    expect((await ehlo(listener.port)).filter((extension) => extension.startsWith('AUTH'))).toEqual([])
    const info = await transport(listener.port).sendMail(mail())
    expect(info.response).toMatch(/^250 /)
    expect(received).toHaveLength(1)
  })
})

describe('startSmtpListener: STARTTLS', () => {
  let folder = ''
  let key: Buffer
  let cert: Buffer

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'smtp-listener-test-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '1', '-subj', '/CN=localhost'], {
      cwd: folder,
      stdio: 'ignore',
    })
    key = readFileSync(join(folder, 'k.pem'))
    cert = readFileSync(join(folder, 'c.pem'))
  })

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  it('with tls configured: a client that requires TLS upgrades and delivers', async () => {
    const { listener, received } = await start({ tls: { key, cert } })
    expect(await ehlo(listener.port)).toContain('STARTTLS')
    const info = await transport(listener.port, { requireTLS: true, tls: { rejectUnauthorized: false } }).sendMail(mail())
    expect(info.response).toMatch(/^250 /)
    expect(received).toHaveLength(1)
  })

  it('with tls configured: the handshake presents the configured (self-signed) certificate', async () => {
    const { listener, received } = await start({ tls: { key, cert } })
    const error = await failure(transport(listener.port, { requireTLS: true, tls: { rejectUnauthorized: true } }).sendMail(mail()))
    expect(error.message).toMatch(/self[- ]signed certificate/i)
    expect(received).toEqual([])
  })

  it('without tls: STARTTLS is not offered, a client that requires TLS fails', async () => {
    const { listener, received } = await start()
    expect(await ehlo(listener.port)).not.toContain('STARTTLS')
    const error = await failure(transport(listener.port, { requireTLS: true, tls: { rejectUnauthorized: false } }).sendMail(mail()))
    expect(error.code).toBe('ETLS')
    expect(error.responseCode).toBe(500)
    expect(received).toEqual([])
  })
})

describe('startSmtpListener: stop', () => {
  it('closes the port, and can be called again', async () => {
    const { listener } = await start()
    const info = await transport(listener.port).sendMail(mail())
    expect(info.response).toMatch(/^250 /)

    await listener.stop()
    await expect(listener.stop()).resolves.toBeUndefined()

    const refused = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const socket = connect(listener.port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(undefined)
      })
      socket.once('error', (error) => resolve(error))
    })
    expect(refused?.code).toBe('ECONNREFUSED')
  })
})
