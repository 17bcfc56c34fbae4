/**
 * `npm start` entry. Without MONGODB_URI / REDIS_URL it starts the embedded
 * FerretDB and Redis under ./data, then the hub with every role (or those in
 * --roles=api,realtime,worker), seeds a demo, and says where to go.
 * Ctrl-C stops the hub first, then the embedded services.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedDemo } from './bootstrap/seed-demo.js'
import { parseEnv, parseRoles } from './config/env.js'
import { ConfigError, loadHubConfig } from './config/load-hub-config.js'
import { startHub } from './hub.js'
import { type EmbeddedServices, startEmbeddedServices } from './infra/embedded/index.js'
import { createLogger } from './infra/logger.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const say = (line: string) => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  const env = parseEnv()
  const roles = parseRoles(process.argv.slice(2))
  const config = await loadHubConfig(env.SWITCHBOARD_CONFIG ?? path.join(projectRoot, 'channels.config.ts'))
  const log = createLogger(env.LOG_LEVEL)

  let embedded: EmbeddedServices | null = null
  if ((!env.MONGODB_URI || !env.REDIS_URL) && env.NODE_ENV === 'production') {
    // Embedded databases are for trying Switchboard out; a production process must be pointed at real ones.
    throw new ConfigError(
      `NODE_ENV=production needs ${[!env.MONGODB_URI && 'MONGODB_URI', !env.REDIS_URL && 'REDIS_URL'].filter(Boolean).join(' and ')} (embedded databases are for development only)`,
    )
  }
  if (!env.MONGODB_URI || !env.REDIS_URL) {
    say(
      `[switchboard] starting embedded ${[!env.MONGODB_URI && `FerretDB (${env.DB_BACKEND})`, !env.REDIS_URL && 'Redis'].filter(Boolean).join(' and ')} in ${env.DATA_DIR}`,
    )
    embedded = await startEmbeddedServices({
      dataDir: env.DATA_DIR,
      needMongo: !env.MONGODB_URI,
      needRedis: !env.REDIS_URL,
      mongoBackend: env.DB_BACKEND,
      log: (line) => say(line),
    })
  }
  const mongoUri = env.MONGODB_URI ?? embedded?.mongoUri
  const redisUrl = env.REDIS_URL ?? embedded?.redisUrl
  if (!mongoUri || !redisUrl) throw new Error('Embedded services did not report their addresses')

  const hub = await startHub({ env, config, roles, mongoUri, redisUrl, distDir: path.join(projectRoot, 'dist'), log })
  const seed = env.SEED_DEMO ? env.SEED_DEMO === 'true' : !env.MONGODB_URI
  const demoAgents = seed && roles.has('api') ? await seedDemo({ queues: config.queues.map((queue) => queue.id), now: new Date() }) : []

  say('')
  say(`[switchboard] running roles: ${[...roles].join(', ')}`)
  if (hub.url) {
    say(`  Demo government page (citizen widget): ${hub.url}/`)
    say(`  Agent inbox:                           ${hub.url}/inbox/`)
    say(`  API document:                          ${hub.url}/api/openapi.json`)
  }
  if (hub.admin) {
    say(
      hub.admin.password
        ? `  Admin: ${hub.admin.email} / ${hub.admin.password}   (shown once; set ADMIN_PASSWORD to reset it)`
        : `  Admin: ${hub.admin.email}   (password as created earlier; set ADMIN_PASSWORD to reset it)`,
    )
  }
  for (const agent of demoAgents) say(`  Demo agent: ${agent.email} / ${agent.password}`)
  say('  Press Ctrl-C to stop.')

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    say(`\n[switchboard] ${signal}: stopping…`)
    // A stop that hangs (a service already gone, a stuck socket) must not keep the terminal hostage.
    setTimeout(() => {
      say('[switchboard] stop took longer than 15 s; exiting anyway')
      process.exit(1)
    }, 15_000).unref()
    await hub.stop().catch((error: unknown) => log.error('hub stop failed', { error: String(error) }))
    await embedded?.stop().catch((error: unknown) => log.error('embedded services stop failed', { error: String(error) }))
    say('[switchboard] stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
