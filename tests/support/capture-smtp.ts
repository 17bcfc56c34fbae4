/**
 * A real SMTP server on loopback standing in for the hotline's outbound relay: it accepts every
 * mail and keeps it (raw and parsed by mailparser), so tests read exactly what the hub sent.
 * `refuseNext` answers the next DATA with a given SMTP code, to test retries and failures.
 */
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface CapturedMail {
  envelope: { mailFrom: string; rcptTo: string[] }
  raw: Buffer
  parsed: ParsedMail
}

export interface CaptureSmtp {
  port: number
  mails: CapturedMail[]
  /** The next `count` mails are answered `code message` instead of 250. */
  refuseNext(code: number, message: string, count?: number): void
  stop(): Promise<void>
}

export async function startCaptureSmtp(): Promise<CaptureSmtp> {
  const mails: CapturedMail[] = []
  let refusal: { code: number; message: string; count: number } | undefined
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusal && refusal.count > 0) {
          refusal.count -= 1
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }))
          return
        }
        const raw = Buffer.concat(chunks)
        simpleParser(raw).then(
          (parsed) => {
            const mailFrom = session.envelope.mailFrom
            mails.push({ envelope: { mailFrom: mailFrom ? mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) }, raw, parsed })
            callback(null, 'captured')
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    refuseNext(code, message, count = 1) {
      refusal = { code, message, count }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
