/**
 * `npm run bench:inbox`: seeds conversations and messages, then measures the conversation list
 * the inbox asks for (shared/reference/performance.md T7): each view and filter, first page and
 * a deep page (reached by following cursors), p50/p95 latency through the HTTP API, and the
 * database round trips each page costs (counted with the driver's command monitoring).
 * Prints figures; asserts nothing.
 *
 * Options: --conversations 100000 --messages 1000000 --samples 30 --deep 20 --backend postgresql|sqlite
 * (the sizes by default; PostgreSQL by default, as FerretDB's SQLite backend is for small sites).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import mongoose from 'mongoose'
import { hashPassword } from '../../server/auth/passwords.js'
import { parseEnv } from '../../server/config/env.js'
import { validateHubConfig } from '../../server/config/load-hub-config.js'
import { startHub } from '../../server/hub.js'
import { type FerretDbBackend, startEmbeddedServices } from '../../server/infra/embedded/index.js'
import { createLogger } from '../../server/infra/logger.js'
import { ensureListIndex } from '../../server/lists/rebuild-on-boot.js'

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '30' },
    deep: { type: 'string', default: '20' },
    backend: { type: 'string', default: 'postgresql' },
  },
})
const CONVERSATIONS = Number(args.conversations)
const MESSAGES = Number(args.messages)
const SAMPLES = Number(args.samples)
const DEEP = Number(args.deep)
const QUEUES = ['general', 'housing', 'transport', 'business']
const AGENTS = 20
const PAGE = 25
const BATCH = 2000

const log = (line: string) => console.log(line)
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-inbox-bench-'))
  const services = await startEmbeddedServices({ dataDir, needMongo: true, needRedis: true, mongoBackend: args.backend as FerretDbBackend, log })
  const config = validateHubConfig({
    queues: QUEUES.map((id) => ({ id, name: { 'zh-CN': id, en: id } })),
    channels: [{ id: 'web', type: 'webchat', name: 'Web', title: { 'zh-CN': '咨询', en: 'Chat' }, greeting: { 'zh-CN': '您好', en: 'Hello' } }],
  })
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'admin@bench.local',
    ADMIN_PASSWORD: 'bench-admin-password',
    LOG_LEVEL: 'warn',
  })
  const hub = await startHub({
    env,
    config,
    roles: new Set(['api']),
    mongoUri: services.mongoUri as string,
    redisUrl: services.redisUrl as string,
    distDir: path.resolve('dist'),
    log: createLogger('warn'),
    dbName: 'inbox_bench',
    monitorCommands: true,
  })
  try {
    const agentIds = await seed()
    // Seeded behind the hub's back: index the lists from the database, as a hub does at boot.
    const rebuildStarted = performance.now()
    await ensureListIndex(hub.context, { force: true })
    log(`list index rebuilt in ${((performance.now() - rebuildStarted) / 1000).toFixed(1)} s`)
    const url = hub.url as string
    const token = async (email: string, password: string) =>
      (
        (await (
          await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
        ).json()) as { token: string }
      ).token
    const adminToken = await token('admin@bench.local', 'bench-admin-password')
    const agentToken = await token('agent0@bench.local', 'bench-agent-password')

    // Count every command the hub's driver sends.
    let commands = 0
    mongoose.connection.getClient().on('commandStarted', () => {
      commands += 1
    })

    const views: [string, string, string][] = [
      ['all open (admin)', adminToken, 'status=open'],
      ['all, any status (admin)', adminToken, 'status=all'],
      ['one queue (agent)', agentToken, 'status=open&queue=housing'],
      ['mine (agent)', agentToken, 'status=open&assignee=me'],
      ['unassigned (agent)', agentToken, 'status=open&assignee=unassigned'],
      ['resolved (admin)', adminToken, 'status=resolved'],
      ['label (admin)', adminToken, 'status=all&label=repeat'],
      ['priority urgent (admin)', adminToken, 'status=all&priority=urgent'],
    ]
    log(`\nConversation list, ${PAGE} per page, ${SAMPLES} samples each (latency through the HTTP API; round trips = database commands per page):`)
    log('| view | first page p50 / p95 | round trips | deep page (#' + (DEEP + 1) + ') p50 / p95 | round trips |')
    log('|---|---|---|---|---|')
    for (const [name, bearer, query] of views) {
      const get = async (extra = '') => {
        const before = commands
        const started = performance.now()
        const response = await fetch(`${url}/api/conversations?${query}&limit=${PAGE}${extra}`, { headers: { authorization: `Bearer ${bearer}` } })
        const body = (await response.json()) as { nextCursor: string | null }
        return { ms: performance.now() - started, trips: commands - before, next: body.nextCursor }
      }
      const first: number[] = []
      let firstTrips = 0
      for (let index = 0; index < SAMPLES; index++) {
        const result = await get()
        first.push(result.ms)
        firstTrips = result.trips
      }
      // Walk to the deep page once, then sample it.
      let cursor: string | null = null
      for (let page = 0; page < DEEP; page++) {
        const result = await get(cursor ? `&cursor=${encodeURIComponent(cursor)}` : '')
        cursor = result.next
        if (!cursor) break
      }
      const deep: number[] = []
      let deepTrips = 0
      if (cursor) {
        for (let index = 0; index < SAMPLES; index++) {
          const result = await get(`&cursor=${encodeURIComponent(cursor)}`)
          deep.push(result.ms)
          deepTrips = result.trips
        }
      }
      const fmt = (values: number[]) => (values.length ? `${percentile(values, 50).toFixed(0)} / ${percentile(values, 95).toFixed(0)} ms` : '(fewer pages)')
      log(`| ${name} | ${fmt(first)} | ${firstTrips} | ${fmt(deep)} | ${deep.length ? deepTrips : '–'} |`)
    }
    log(
      `\n(${CONVERSATIONS} conversations, ${MESSAGES} messages, ${AGENTS} agents, backend FerretDB/${args.backend}; agent0 works ${QUEUES.slice(0, 2).join(' + ')})`,
    )
    void agentIds
  } finally {
    await hub.stop()
    await services.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Inserts users, conversations and messages straight through the driver, in batches, with progress. */
async function seed(): Promise<string[]> {
  const db = mongoose.connection.db
  if (!db) throw new Error('not connected')
  const now = Date.now()
  const passwordHash = await hashPassword('bench-agent-password')
  const agentIds = Array.from({ length: AGENTS }, (_, index) => `usr_bench_${index}`)
  await db.collection('users').insertMany(
    agentIds.map((id, index) => ({
      _id: id as never,
      email: `agent${index}@bench.local`,
      name: `Agent ${index}`,
      role: 'agent',
      queues: index === 0 ? QUEUES.slice(0, 2) : [QUEUES[index % QUEUES.length]],
      language: 'en',
      passwordHash,
      active: true,
      createdAt: new Date(now),
      updatedAt: new Date(now),
    })),
  )
  const started = performance.now()
  const perConversation = Math.max(1, Math.round(MESSAGES / CONVERSATIONS))
  for (let offset = 0; offset < CONVERSATIONS; offset += BATCH) {
    const conversations = []
    const messages = []
    for (let index = offset; index < Math.min(CONVERSATIONS, offset + BATCH); index++) {
      const at = new Date(now - index * 60_000)
      const status = index % 10 < 2 ? 'open' : index % 10 === 2 ? 'pending' : index % 10 === 3 ? 'snoozed' : 'resolved'
      const assigned = index % 3 !== 0
      const id = `cv_bench_${index.toString().padStart(7, '0')}`
      conversations.push({
        _id: id,
        contactId: `ct_bench_${index}`,
        contactName: `Citizen ${index}`,
        contactExternalId: `v${index}`,
        channel: 'web',
        channelType: 'webchat',
        status,
        snoozedUntil: null,
        assigneeId: assigned ? agentIds[index % AGENTS] : null,
        assigneeName: assigned ? `Agent ${index % AGENTS}` : null,
        queue: QUEUES[index % QUEUES.length],
        priority: index % 50 === 0 ? 'urgent' : 'normal',
        labels: index % 7 === 0 ? ['repeat'] : [],
        lastSeq: perConversation,
        lastVisibleSeq: perConversation,
        unread: { agent: status === 'open' ? 1 : 0, contact: 0 },
        lastMessage: { preview: `Message ${perConversation} of ${index}`, direction: 'inbound', at },
        waitingSince: status === 'open' ? at : null,
        lastInboundAt: at,
        createdAt: new Date(at.getTime() - 3_600_000),
        updatedAt: at,
        firstResponseAt: null,
        lastMessageAt: at,
        resolvedAt: status === 'resolved' ? at : null,
      })
      for (let seq = 1; seq <= perConversation; seq++) {
        messages.push({
          _id: `msg_bench_${index}_${seq}`,
          conversationId: id,
          channel: 'web',
          direction: seq % 2 ? 'inbound' : 'outbound',
          sender: { type: seq % 2 ? 'contact' : 'agent' },
          type: 'text',
          body: `Message ${seq} of conversation ${index}: 路灯不亮，请尽快处理。`,
          attachments: [],
          status: 'delivered',
          private: false,
          seq,
          createdAt: new Date(at.getTime() - (perConversation - seq) * 1000),
          updatedAt: at,
        })
      }
    }
    await db.collection('conversations').insertMany(conversations as never[], { ordered: false })
    for (let start = 0; start < messages.length; start += BATCH)
      await db.collection('messages').insertMany(messages.slice(start, start + BATCH) as never[], { ordered: false })
    const done = Math.min(CONVERSATIONS, offset + BATCH)
    if (done % 10_000 === 0 || done === CONVERSATIONS) {
      log(`seeded ${done}/${CONVERSATIONS} conversations, ${done * perConversation} messages (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    }
  }
  return agentIds
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
