/**
 * `npm run bench:chat`: N citizen widget sockets and M agent inbox sockets against a
 * real hub, reporting what the performance targets ask for (shared/reference/performance.md
 * T3–T5): messages/s, citizen → agent latency (p50/p95/p99), ack latency, and the hub's
 * resident memory per socket. Prints figures; asserts nothing.
 *
 * By default it starts its own embedded FerretDB + Redis and a hub in a child process
 * (so the load generator and the hub do not share an event loop). Against a running hub:
 *   npm run bench:chat -- --url http://127.0.0.1:3000 --email li.na@demo.switchboard --password demo-agent-2026
 * Options: --visitors 500 --agents 10 --rate 25 --seconds 20 --backend postgresql|sqlite
 * (PostgreSQL by default: FerretDB's SQLite backend pushes down only _id lookups and is for small sites.)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { findFreePort } from '../../server/infra/embedded/free-port.js'
import { type FerretDbBackend, startEmbeddedServices } from '../../server/infra/embedded/index.js'
import type { InboxServerFrame, WidgetServerFrame } from '../../server/realtime/protocol.js'
import { openSocket, type TestSocket } from '../support/socket-client.js'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string', default: 'li.na@demo.switchboard' },
    password: { type: 'string', default: 'demo-agent-2026' },
    visitors: { type: 'string', default: '500' },
    agents: { type: 'string', default: '10' },
    rate: { type: 'string', default: '25' },
    seconds: { type: 'string', default: '20' },
    backend: { type: 'string', default: 'postgresql' },
  },
})
const VISITORS = Number(args.visitors)
const AGENTS = Number(args.agents)
const RATE = Number(args.rate)
const SECONDS = Number(args.seconds)

const log = (line: string) => console.log(line)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}
const ms = (value: number) => `${value.toFixed(1)} ms`
const summary = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))} · p95 ${ms(percentile(values, 95))} · p99 ${ms(percentile(values, 99))} (n=${values.length})`

/** Resident memory of a process, from /proc (Linux). */
function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : Number.NaN
}

interface Hub {
  url: string
  pid: number | null
  stop(): Promise<void>
}

async function startOwnHub(): Promise<Hub> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'))
  log(`[bench] starting FerretDB (${args.backend}) + Redis in ${dataDir}`)
  const services = await startEmbeddedServices({ dataDir, needMongo: true, needRedis: true, mongoBackend: args.backend as FerretDbBackend, log })
  const port = await findFreePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      MONGODB_URI: services.mongoUri,
      REDIS_URL: services.redisUrl,
      SEED_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dataDir, 'hub'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}`)
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) break
    if (Date.now() > deadline) throw new Error('the hub did not become ready within 120 s')
    await sleep(250)
  }
  return {
    url,
    pid: child.pid ?? null,
    async stop() {
      child.kill('SIGINT')
      await new Promise((resolve) => child.once('exit', resolve))
      await services.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function login(url: string): Promise<string> {
  let response: Response
  // A fresh hub seeds its demo agents just after it starts answering /readyz.
  for (let attempt = 0; ; attempt++) {
    response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: args.email, password: args.password }),
    })
    if (response.ok || attempt === 20) break
    await sleep(500)
  }
  if (!response.ok) throw new Error(`agent login failed (${response.status}): pass --email and --password of an agent of the web chat queue`)
  return ((await response.json()) as { token: string }).token
}

async function openVisitor(url: string, channelId: string): Promise<TestSocket<WidgetServerFrame>> {
  const response = await fetch(`${url}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channelId }),
  })
  const { token } = (await response.json()) as { token: string }
  const socket = await openSocket<WidgetServerFrame>(`${url.replace(/^http/, 'ws')}/ws/widget?channel=${channelId}`)
  socket.send({ type: 'hello', token })
  await socket.waitFor((frame) => frame.type === 'ready', { timeoutMs: 30_000 })
  return socket
}

/** Opens sockets `parallel` at a time (a crowd arriving, not one giant burst). */
async function openMany<T>(count: number, parallel: number, open: (index: number) => Promise<T>): Promise<T[]> {
  const result: T[] = []
  for (let start = 0; start < count; start += parallel) {
    result.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, (_, offset) => open(start + offset)))))
  }
  return result
}

async function main(): Promise<void> {
  const hub: Hub = args.url ? { url: args.url.replace(/\/$/, ''), pid: null, stop: async () => {} } : await startOwnHub()
  try {
    const token = await login(hub.url)
    const channels = (await (await fetch(`${hub.url}/api/channels`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      channels: { id: string; type: string }[]
    }
    const channelId = channels.channels.find((channel) => channel.type === 'webchat')?.id
    if (!channelId) throw new Error('the hub has no webchat channel')
    await sleep(2000)
    const rssBefore = hub.pid ? rssBytes(hub.pid) : Number.NaN

    // Agents: each socket watches the conversation list, as an inbox does.
    const sentAt = new Map<string, number>()
    const deliveredAt = new Map<string, number>()
    const agentSockets = await openMany(AGENTS, 10, async () => {
      const socket = await openSocket<InboxServerFrame>(`${hub.url.replace(/^http/, 'ws')}/ws/inbox`, { cookie: `sb_session=${token}` })
      await socket.waitFor((frame) => frame.type === 'ready')
      socket.send({ type: 'subscribe', topic: 'conversations' })
      return socket
    })
    // The test recorder keeps every frame in memory; the bench only needs timestamps.
    for (const socket of agentSockets) {
      socket.socket.removeAllListeners('message')
      socket.socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as InboxServerFrame
        if (frame.type !== 'conversation') return
        const key = frame.conversation.lastMessage?.preview?.split(' ')[0]
        if (key && sentAt.has(key) && !deliveredAt.has(key)) deliveredAt.set(key, performance.now())
      })
    }

    const openStarted = performance.now()
    const visitors = await openMany(VISITORS, 50, () => openVisitor(hub.url, channelId))
    const openSeconds = (performance.now() - openStarted) / 1000
    const ackAt = new Map<string, number>()
    for (const visitor of visitors) {
      visitor.socket.removeAllListeners('message')
      visitor.socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as WidgetServerFrame
        if (frame.type === 'ack') ackAt.set(frame.clientId, performance.now())
      })
    }
    await sleep(2000)
    const rssAfter = hub.pid ? rssBytes(hub.pid) : Number.NaN
    log(`[bench] ${VISITORS} widget + ${AGENTS} agent sockets open (${openSeconds.toFixed(1)} s to open the widget sockets)`)

    let counter = 0
    const send = (visitorIndex: number, phase: string) => {
      const key = `${phase}${visitorIndex}-${counter++}`
      const clientId = `bench-${key}`.padEnd(8, '0')
      sentAt.set(key, performance.now())
      visitors[visitorIndex]?.send({ type: 'message', clientId, text: `${key} 市民来信：路灯不亮，请尽快处理。` })
      return { key, clientId }
    }
    const latencies = (keys: { key: string; clientId: string }[]) => ({
      endToEnd: keys.flatMap(({ key }) => {
        const at = deliveredAt.get(key)
        const start = sentAt.get(key)
        return at !== undefined && start !== undefined ? [at - start] : []
      }),
      ack: keys.flatMap(({ key, clientId }) => {
        const at = ackAt.get(clientId)
        const start = sentAt.get(key)
        return at !== undefined && start !== undefined ? [at - start] : []
      }),
      lost: keys.filter(({ key }) => !deliveredAt.has(key)).length,
    })
    const drain = async (keys: { key: string }[], timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline && keys.some(({ key }) => !deliveredAt.has(key))) await sleep(100)
    }

    // Phase 1: every visitor opens a conversation, at the target rate (new conversations are the costliest path).
    const opening: { key: string; clientId: string }[] = []
    for (let index = 0; index < VISITORS; index++) {
      opening.push(send(index, 'o'))
      await sleep(1000 / RATE)
    }
    await drain(opening)
    const first = latencies(opening)

    // Phase 2: steady follow-up messages at the target rate for the given time.
    const steady: { key: string; clientId: string }[] = []
    const steadyStarted = performance.now()
    const total = Math.round(RATE * SECONDS)
    for (let sent = 0; sent < total; sent++) {
      steady.push(send(sent % VISITORS, 's'))
      const due = steadyStarted + ((sent + 1) * 1000) / RATE
      await sleep(Math.max(0, due - performance.now()))
    }
    await drain(steady)
    const steadyResult = latencies(steady)

    // Phase 3: burst, every visitor at once; throughput = messages / time until the last reached an agent.
    const burst: { key: string; clientId: string }[] = []
    const burstStarted = performance.now()
    for (let index = 0; index < VISITORS; index++) burst.push(send(index, 'b'))
    await drain(burst, 120_000)
    const lastDelivery = Math.max(...burst.map(({ key }) => deliveredAt.get(key) ?? Number.NaN).filter(Number.isFinite))
    const burstResult = latencies(burst)
    const burstRate = (burst.length - burstResult.lost) / ((lastDelivery - burstStarted) / 1000)

    const perSocketKb = (rssAfter - rssBefore) / 1024 / (VISITORS + AGENTS)
    log('')
    log(
      `Switchboard chat benchmark · ${new Date().toISOString()} · ${os.cpus().length} cores · Node ${process.version} · FerretDB ${args.url ? '(external hub)' : args.backend}`,
    )
    log(`sockets: ${VISITORS} widget + ${AGENTS} agent; every agent watches the conversation list (fan-out ${AGENTS} per message)`)
    if (hub.pid)
      log(
        `hub RSS: ${(rssBefore / 2 ** 20).toFixed(0)} MB before sockets → ${(rssAfter / 2 ** 20).toFixed(0)} MB after; ≈ ${perSocketKb.toFixed(1)} KB per socket`,
      )
    log(`new conversations at ${RATE}/s  citizen→agent ${summary(first.endToEnd)} · ack ${summary(first.ack)} · lost ${first.lost}`)
    log(
      `follow-ups at ${RATE}/s for ${SECONDS} s  citizen→agent ${summary(steadyResult.endToEnd)} · ack ${summary(steadyResult.ack)} · lost ${steadyResult.lost}`,
    )
    log(
      `burst of ${VISITORS} at once  ${burstRate.toFixed(0)} msg/s delivered to agents · citizen→agent ${summary(burstResult.endToEnd)} · lost ${burstResult.lost}`,
    )

    await Promise.all([...visitors, ...agentSockets].map((socket) => socket.close()))
  } finally {
    await hub.stop()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
