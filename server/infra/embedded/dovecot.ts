/**
 * Debian's Dovecot as a real IMAP server for the email tests (and for trying the IMAP poller
 * locally): one instance per data folder, plaintext on a free loopback port, users from a
 * passwd file, mail in Maildir under the data folder.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { aptInstall } from './apt.js'
import { type Log, startChildService } from './child-service.js'
import { findFreePort } from './free-port.js'

const DOVECOT = '/usr/sbin/dovecot'

function hasDovecot(): boolean {
  return spawnSync(DOVECOT, ['--version'], { stdio: 'ignore' }).status === 0
}

export async function ensureDovecot(log: Log): Promise<string> {
  if (hasDovecot()) return DOVECOT
  log('[setup] dovecot not found, installing dovecot-imapd with apt-get (first run only, ~20 s)…')
  await aptInstall(['dovecot-imapd'], log)
  if (!hasDovecot()) throw new Error("dovecot is still missing after installing the Debian package 'dovecot-imapd'")
  return DOVECOT
}

function systemIds(user: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim())
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim())
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`the system user '${user}' (created by the dovecot package) is missing`)
  return { uid, gid }
}

/**
 * Dovecot's auth and mail processes run as the dovecot user and must reach the users file and the
 * mail folder; a data folder from mkdtemp is 0700 root. Adds search (x) permission only, no read,
 * on the folder and its parents, so nothing in them becomes listable.
 */
function allowTraversal(dir: string): void {
  for (let current = dir; current !== dirname(current); current = dirname(current)) {
    const mode = statSync(current).mode & 0o7777
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o011)
  }
}

export interface ImapServer {
  host: string
  port: number
  stop(): Promise<void>
}

export async function startDovecot(options: { dataDir: string; users: { user: string; password: string }[]; log: Log }): Promise<ImapServer> {
  const root = join(options.dataDir, 'dovecot')
  rmSync(join(root, 'run'), { recursive: true, force: true })
  for (const dir of ['run', 'state', 'mail']) mkdirSync(join(root, dir), { recursive: true })
  const mail = systemIds('dovecot')
  chownSync(join(root, 'mail'), mail.uid, mail.gid)
  allowTraversal(resolve(root))
  const users = join(root, 'users')
  writeFileSync(users, options.users.map(({ user, password }) => `${user}:{PLAIN}${password}`).join('\n'), { mode: 0o640 })
  // Read by dovecot's auth process, which runs as the dovecot user.
  chownSync(users, 0, mail.gid)
  const port = await findFreePort()
  const config = join(root, 'dovecot.conf')
  writeFileSync(
    config,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${join(root, 'run')}
state_dir = ${join(root, 'state')}
log_path = /dev/stderr
ssl = no
# Loopback only, for tests and local trials.
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(root, 'users')}
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${join(root, 'mail')}/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  )
  const service = await startChildService({
    name: 'dovecot',
    command: DOVECOT,
    args: ['-F', '-c', config],
    logFile: join(options.dataDir, 'logs', 'dovecot.log'),
    port,
    log: options.log,
  })
  return { host: '127.0.0.1', port, stop: () => service.stop() }
}
