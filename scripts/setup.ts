// One-time machine setup: `tsx scripts/setup.ts [--chromium] [--postgres] [--dovecot]`.
// Everything here is also done lazily by `npm start` / `npm test`; running it up front just
// moves the slow first-run work (apt installs, the FerretDB build) out of the way.
import { ensureChromium } from '../server/infra/embedded/chromium.js'
import { ensureDovecot } from '../server/infra/embedded/dovecot.js'
import { ensureFerretDbBinary } from '../server/infra/embedded/ferretdb-binary.js'
import { ensureFfmpeg } from '../server/infra/embedded/ffmpeg.js'
import { ensurePostgres } from '../server/infra/embedded/postgres.js'
import { ensureRedisServer } from '../server/infra/embedded/redis.js'

const args = new Set(process.argv.slice(2))
const known = new Set(['--chromium', '--postgres', '--dovecot'])
const unknown = [...args].filter((arg) => !known.has(arg))
if (unknown.length) {
  console.error(`Unknown option(s): ${unknown.join(' ')}\nUsage: tsx scripts/setup.ts [--chromium] [--postgres] [--dovecot]`)
  process.exit(2)
}

const log = (line: string) => console.log(line)

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now()
  const value = await fn()
  log(`[setup] ✓ ${name}${value ? `: ${value}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  return value
}

try {
  // apt steps first and one after another (apt has a global lock); the Go build needs no apt.
  await step('redis-server', () => ensureRedisServer(log))
  await step('ffmpeg (voice messages)', () => ensureFfmpeg(log))
  if (args.has('--postgres')) await step('postgresql', () => ensurePostgres(log))
  if (args.has('--chromium')) await step('chromium', () => ensureChromium(log))
  if (args.has('--dovecot')) await step('dovecot (IMAP server for the email tests)', () => ensureDovecot(log))
  await step('FerretDB binary', () => ensureFerretDbBinary(log))
  log('[setup] done')
} catch (error) {
  console.error(`\n[setup] FAILED: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
