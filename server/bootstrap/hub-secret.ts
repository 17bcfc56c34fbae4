import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The key that signs visitor tokens. Production sets SESSION_SECRET (required when
 * NODE_ENV=production). The embedded default keeps a generated one in the data
 * folder, readable only by its owner, so visitor tokens survive restarts.
 */
export function resolveHubSecret(sessionSecret: string | undefined, dataDir: string): string {
  if (sessionSecret) return sessionSecret
  const file = path.join(dataDir, 'secrets', 'hub-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return secret
}
