import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { aptInstall } from './apt.js'
import { type Log, startChildService } from './child-service.js'
import { findFreePort } from './free-port.js'

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0
}

/** Installs Debian's redis-server when it is not on PATH. */
export async function ensureRedisServer(log: Log): Promise<void> {
  if (hasRedisServer()) return
  log('[setup] redis-server not found, installing it with apt-get (first run only)…')
  await aptInstall(['redis-server'], log)
  if (!hasRedisServer()) throw new Error('redis-server is still not on PATH after installing the Debian package')
}

export async function startRedis(options: { dataDir: string; log: Log }): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = join(options.dataDir, 'redis')
  mkdirSync(dir, { recursive: true })
  const port = await findFreePort()
  const service = await startChildService({
    name: 'redis',
    command: 'redis-server',
    // RDB snapshots plus the append-only file so BullMQ jobs queued before a restart are still there.
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--save',
      '60 1',
      '--appendonly',
      'yes',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    logFile: join(options.dataDir, 'logs', 'redis.log'),
    port,
    log: options.log,
  })
  return { url: `redis://127.0.0.1:${port}`, stop: () => service.stop() }
}
