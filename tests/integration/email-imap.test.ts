/**
 * The IMAP poller against a real IMAP server (Debian's Dovecot, started here on loopback) and
 * the real Redis that keeps its position: mail delivered to the mailbox is taken once, also
 * across a restart of the poller in the middle of new mail, and IDLE brings new mail in without
 * waiting for the next poll. Then the whole way through the hub: mailbox → conversation.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ImapFlow } from 'imapflow'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createImapFlowClient, type ImapPoller, startImapPoller } from '../../connectors/email/index.js'
import type { SharedCache } from '../../connectors/spec.js'
import { type ImapServer, startDovecot } from '../../server/infra/embedded/dovecot.js'
import { createRedisSharedCache } from '../../server/infra/redis-shared-cache.js'
import { ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation, type ConversationDoc } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import { type CaptureSmtp, startCaptureSmtp } from '../support/capture-smtp.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const MAILBOX_USER = 'hotline'
const MAILBOX_PASSWORD = 'imap-test-password'

let dovecot: ImapServer
let mta: ImapFlow
let redis: Redis
let cache: SharedCache

/** A minimal RFC 5322 mail. */
function mail(id: string, options: { from?: string; subject?: string; text?: string } = {}): string {
  return [
    `From: ${options.from ?? 'citizen@example.cn'}`,
    'To: 12345@hotline.gov.cn',
    `Subject: ${options.subject ?? `mail ${id}`}`,
    `Message-ID: <${id}@example.cn>`,
    'Date: Mon, 23 Nov 2026 09:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.text ?? `body of ${id}`,
    '',
  ].join('\r\n')
}

/** Delivers a mail into the mailbox, as the mail server would. */
async function deliver(raw: string): Promise<void> {
  await mta.append('INBOX', raw)
}

function messageIdOf(raw: Buffer): string {
  return /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('utf8'))?.[1] ?? '?'
}

async function seenMessageIds(): Promise<string[]> {
  const lock = await mta.getMailboxLock('INBOX')
  try {
    const seen: string[] = []
    for await (const message of mta.fetch('1:*', { envelope: true, flags: true })) {
      if (message.flags?.has('\\Seen') && message.envelope?.messageId) seen.push(message.envelope.messageId)
    }
    return seen
  } finally {
    lock.release()
  }
}

function startPoller(channelId: string, accept: (raw: Buffer) => Promise<void>): ImapPoller {
  return startImapPoller({
    channelId,
    // A poll interval far beyond the test: new mail must come in through IDLE.
    settings: { mailbox: 'INBOX', pollIntervalSeconds: 3600, markSeen: true },
    maxMessageBytes: 1024 * 1024,
    cache,
    createClient: () => createImapFlowClient({ host: dovecot.host, port: dovecot.port, secure: false, user: MAILBOX_USER, idle: true }, MAILBOX_PASSWORD),
    accept: (raw) => accept(raw),
    log: () => undefined,
    onStatus: () => undefined,
    reconnectDelayMs: 200,
  })
}

/** Empties the mailbox between tests. */
async function emptyMailbox(): Promise<void> {
  const lock = await mta.getMailboxLock('INBOX')
  try {
    if (typeof mta.mailbox === 'object' && mta.mailbox.exists > 0) await mta.messageDelete('1:*')
  } finally {
    lock.release()
  }
}

beforeAll(async () => {
  dovecot = await startDovecot({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'switchboard-imap-')),
    users: [{ user: MAILBOX_USER, password: MAILBOX_PASSWORD }],
    log: () => undefined,
  })
  mta = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: MAILBOX_USER, pass: MAILBOX_PASSWORD }, logger: false })
  await mta.connect()
  redis = new Redis(inject('redisUrl'))
  cache = createRedisSharedCache(redis)
})
afterAll(async () => {
  await mta?.logout()
  redis?.disconnect()
  await dovecot?.stop()
})

describe('IMAP poller', () => {
  it('takes every mail exactly once across a restart in the middle of new mail, and hears new mail through IDLE', async () => {
    await emptyMailbox()
    const channelId = `imap-restart-${Date.now().toString(36)}`
    await deliver(mail('m1'))
    await deliver(mail('m2'))

    // The first poller takes what was waiting, then new mail until it dies while queuing m4.
    const taken: string[] = []
    let m4Started: () => void = () => undefined
    const m4Reached = new Promise<void>((resolve) => {
      m4Started = resolve
    })
    let failM4: (error: Error) => void = () => undefined
    const firstPoller = startPoller(channelId, async (raw) => {
      const id = messageIdOf(raw)
      if (id !== '<m4@example.cn>') {
        taken.push(id)
        return
      }
      m4Started()
      await new Promise<void>((_resolve, reject) => {
        failM4 = reject
      })
    })
    await eventually(
      async () => taken,
      (ids) => ids.length === 2,
    )
    expect(taken).toEqual(['<m1@example.cn>', '<m2@example.cn>'])

    await deliver(mail('m3'))
    await deliver(mail('m4'))
    await deliver(mail('m5'))
    await m4Reached
    expect(taken).toEqual(['<m1@example.cn>', '<m2@example.cn>', '<m3@example.cn>'])
    // The process goes down while m4 is being queued: its enqueue never completes.
    const stopping = firstPoller.stop()
    failM4(new Error('process died while queuing'))
    await stopping

    // A new poller (another process, same shared position) goes on from where the first got to.
    const second = startPoller(channelId, async (raw) => {
      taken.push(messageIdOf(raw))
    })
    try {
      await eventually(
        async () => taken,
        (ids) => ids.length === 5,
      )
      await deliver(mail('m6'))
      await eventually(
        async () => taken,
        (ids) => ids.length === 6,
        10_000,
      )
    } finally {
      await second.stop()
    }
    expect(taken).toEqual(['<m1@example.cn>', '<m2@example.cn>', '<m3@example.cn>', '<m4@example.cn>', '<m5@example.cn>', '<m6@example.cn>'])
    // Taken mail is flagged \Seen for the people who read the mailbox.
    expect((await seenMessageIds()).sort()).toEqual([...taken].sort())
  })

  it('does not take mail again after a restart when nothing new arrived', async () => {
    await emptyMailbox()
    const channelId = `imap-idle-${Date.now().toString(36)}`
    await deliver(mail('r1'))
    const taken: string[] = []
    const first = startPoller(channelId, async (raw) => {
      taken.push(messageIdOf(raw))
    })
    await eventually(
      async () => taken,
      (ids) => ids.length === 1,
    )
    await first.stop()
    const second = startPoller(channelId, async (raw) => {
      taken.push(messageIdOf(raw))
    })
    await second.pollNow()
    await deliver(mail('r2'))
    await eventually(
      async () => taken,
      (ids) => ids.length >= 2,
    )
    await second.stop()
    expect(taken).toEqual(['<r1@example.cn>', '<r2@example.cn>'])
  })
})

describe('email channel reading a mailbox', () => {
  let hub: TestHub
  let relay: CaptureSmtp

  beforeAll(async () => {
    await emptyMailbox()
    relay = await startCaptureSmtp()
    process.env.TEST_IMAP_PASSWORD = MAILBOX_PASSWORD
    hub = await startTestHub({
      config: {
        ...testConfig,
        channels: [
          ...testConfig.channels,
          {
            id: 'mailbox',
            type: 'email',
            name: 'Hotline mailbox',
            addresses: ['12345@hotline.gov.cn'],
            inbound: { imap: { host: dovecot.host, port: dovecot.port, secure: false, user: MAILBOX_USER, passwordEnv: 'TEST_IMAP_PASSWORD' } },
            outbound: { host: '127.0.0.1', port: relay.port, pool: false },
          },
        ],
      },
    })
  })
  afterAll(async () => {
    await hub?.stop()
    await relay?.stop()
    delete process.env.TEST_IMAP_PASSWORD
  })

  it('turns mail delivered to the mailbox into a conversation, and the citizen’s answer joins it', async () => {
    await deliver(
      mail('hub-1', {
        from: '"王芳" <wang.fang@example.cn>',
        subject: `=?UTF-8?B?${Buffer.from('公园垃圾桶').toString('base64')}?=`,
        text: '公园垃圾桶满了。',
      }),
    )
    const conversationsWithMail = async () => {
      const identity = await ContactIdentityModel.findById(identityKey('mailbox', 'wang.fang@example.cn')).lean()
      if (!identity) return []
      const found = await Conversation.find({ contactId: identity.contactId, channel: 'mailbox' }).limit(5).lean<ConversationDoc[]>()
      return found.filter((conversation) => conversation.lastSeq > 0)
    }
    const conversations = await eventually(conversationsWithMail, (found) => found.length === 1, 20_000)
    const conversationId = conversations[0]?._id ?? ''
    const [first] = await Message.find({ conversationId }).sort({ seq: 1 }).limit(5).lean<MessageDoc[]>()
    expect(first).toMatchObject({ body: '公园垃圾桶满了。', externalId: '<hub-1@example.cn>' })
    expect(first?.metadata).toMatchObject({ source: 'imap', subject: '公园垃圾桶' })

    await deliver(
      [
        'From: wang.fang@example.cn',
        'To: 12345@hotline.gov.cn',
        'Subject: Re: 公园垃圾桶',
        'Message-ID: <hub-2@example.cn>',
        'In-Reply-To: <hub-1@example.cn>',
        'References: <hub-1@example.cn>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '补充：在东门附近。',
        '',
      ].join('\r\n'),
    )
    const messages = await eventually(
      () => Message.find({ conversationId }).sort({ seq: 1 }).limit(5).lean<MessageDoc[]>(),
      (found) => found.length === 2,
      20_000,
    )
    expect(messages[1]?.body).toBe('补充：在东门附近。')
  })
})
