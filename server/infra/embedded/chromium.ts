import { accessSync, constants } from 'node:fs'
import { aptInstall } from './apt.js'
import type { Log } from './child-service.js'

const CHROMIUM = '/usr/bin/chromium'

function isInstalled(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Path of Debian's Chromium for browser tests (playwright-core downloads no browser of its own). */
export async function ensureChromium(log: Log): Promise<string> {
  if (isInstalled()) return CHROMIUM
  log('[setup] chromium not found, installing it with apt-get (first run only, ~1 min)…')
  await aptInstall(['chromium'], log)
  if (!isInstalled()) throw new Error(`${CHROMIUM} is still missing after installing the Debian package 'chromium'`)
  return CHROMIUM
}
