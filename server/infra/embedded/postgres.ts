import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { aptInstall } from './apt.js'
import { type Log, startChildService } from './child-service.js'
import { findFreePort } from './free-port.js'

const run = promisify(execFile)
const PG_ROOT = '/usr/lib/postgresql'

/** Newest Debian PostgreSQL bin dir (/usr/lib/postgresql/<major>/bin) that has a server. */
function findBinDir(): string | null {
  if (!existsSync(PG_ROOT)) return null
  const majors = readdirSync(PG_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
  for (const major of majors) {
    const bin = join(PG_ROOT, major, 'bin')
    if (['initdb', 'pg_ctl', 'postgres', 'psql'].every((tool) => existsSync(join(bin, tool)))) return bin
  }
  return null
}

/** Installs Debian's postgresql when no server binaries are found; returns their bin dir. */
export async function ensurePostgres(log: Log): Promise<string> {
  const found = findBinDir()
  if (found) return found
  log('[setup] PostgreSQL not found, installing it with apt-get (first run only)…')
  await aptInstall(['postgresql'], log)
  const installed = findBinDir()
  if (!installed) throw new Error(`PostgreSQL server binaries are still missing under ${PG_ROOT}/*/bin after apt-get`)
  return installed
}

/** initdb and postgres refuse to run as root, so as root they run as the `postgres` OS user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return { uid, gid }
  } catch {
    throw new Error('running as root but there is no `postgres` OS user (it comes with the Debian postgresql package)')
  }
}

/** Makes <dataDir>/postgres owned and reachable by the server user; fails clearly if a parent blocks it. */
function prepareDir(dataDir: string, dir: string, user: { uid: number; gid: number } | undefined): void {
  mkdirSync(dir, { recursive: true })
  if (!user) return
  // mkdtemp() dirs are 0700: allow others to traverse (not list) our own data dir, nothing above it.
  chmodSync(dataDir, (statSync(dataDir).mode & 0o7777) | 0o001)
  chownSync(dir, user.uid, user.gid)
  chmodSync(dir, 0o700)
  try {
    execFileSync('test', ['-w', dir], { ...user, stdio: 'ignore' })
  } catch {
    throw new Error(
      `the postgres OS user cannot reach ${dir}; a parent directory is not traversable by others ` +
        '(e.g. /root is 0700). Use a data dir under /var/tmp or /tmp, or chmod o+x the parents.',
    )
  }
}

async function ensureDatabase(binDir: string, port: number, name: string): Promise<void> {
  const psql = (sql: string) => run(join(binDir, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc', sql])
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const { stdout } = await psql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)
      if (stdout.trim() !== '1') await psql(`CREATE DATABASE ${name}`)
      return
    } catch (error) {
      // The port accepts connections before recovery finishes ("the database system is starting up").
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

export async function startPostgres(options: { dataDir: string; log: Log }): Promise<{ url: string; stop(): Promise<void> }> {
  const { dataDir, log } = options
  const binDir = await ensurePostgres(log)
  const user = serverUser()
  const dir = join(dataDir, 'postgres')
  const pgdata = join(dir, 'data')
  prepareDir(dataDir, dir, user)

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    log('[postgres] initializing a new cluster…')
    // Trust auth is acceptable because the server only listens on 127.0.0.1 and has no unix socket.
    const args = ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']
    try {
      await run(join(binDir, 'initdb'), args, { ...user, cwd: dir })
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string }
      throw new Error(`initdb failed:\n${stdout ?? ''}${stderr ?? ''}`)
    }
  }

  const port = await findFreePort()
  const service = await startChildService({
    name: 'postgres',
    command: join(binDir, 'postgres'),
    args: ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    logFile: join(dataDir, 'logs', 'postgres.log'),
    port,
    cwd: dir,
    ...user,
    // SIGTERM is "smart shutdown" and waits for clients to disconnect; SIGINT is "fast shutdown".
    stopSignal: 'SIGINT',
    stopTimeoutMs: 30_000,
    log,
  })
  try {
    await ensureDatabase(binDir, port, 'ferretdb')
  } catch (error) {
    await service.stop()
    throw error
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/ferretdb`, stop: () => service.stop() }
}
