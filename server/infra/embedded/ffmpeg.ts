import { spawnSync } from 'node:child_process'
import { aptInstall } from './apt.js'
import type { Log } from './child-service.js'

/** True when `ffmpeg` runs: voice messages (AMR, Speex) are turned into MP3 with it. */
export function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0
}

/** Debian's ffmpeg, so the inbox can play citizens' voice messages. */
export async function ensureFfmpeg(log: Log): Promise<string> {
  if (hasFfmpeg()) return 'ffmpeg'
  log('[setup] ffmpeg not found, installing it with apt-get (first run only, ~30 s)…')
  await aptInstall(['ffmpeg'], log)
  if (!hasFfmpeg()) throw new Error("ffmpeg is still missing after installing the Debian package 'ffmpeg'")
  return 'ffmpeg'
}
