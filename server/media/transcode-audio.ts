/**
 * Voice messages arrive as AMR or Speex (WeChat) which no browser plays: ffmpeg turns them
 * into MP3, which every browser does. Without ffmpeg the original is kept (downloadable).
 */
import { spawn } from 'node:child_process'

const UNPLAYABLE = /^audio\/(amr|amr-wb|speex|x-speex|silk)/i

export function needsTranscoding(mimeType: string): boolean {
  return UNPLAYABLE.test(mimeType)
}

export async function transcodeToMp3(bytes: Uint8Array, options: { ffmpegPath?: string; timeoutMs?: number } = {}): Promise<Uint8Array> {
  const ffmpeg = spawn(
    options.ffmpegPath ?? 'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', '-vn', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '32k', '-f', 'mp3', 'pipe:1'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  const output: Buffer[] = []
  const errors: Buffer[] = []
  ffmpeg.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  ffmpeg.stderr.on('data', (chunk: Buffer) => errors.push(chunk))
  const timer = setTimeout(() => ffmpeg.kill('SIGKILL'), options.timeoutMs ?? 30_000)
  const exit = new Promise<number | null>((resolve, reject) => {
    ffmpeg.once('error', reject)
    ffmpeg.once('close', resolve)
  })
  // ffmpeg may exit (bad input) before reading everything: an EPIPE here is reported by the exit code.
  ffmpeg.stdin.on('error', () => {})
  ffmpeg.stdin.end(Buffer.from(bytes))
  const code = await exit.finally(() => clearTimeout(timer))
  if (code !== 0) throw new Error(`ffmpeg failed (${code}): ${Buffer.concat(errors).toString('utf8').trim().slice(0, 300)}`)
  return new Uint8Array(Buffer.concat(output))
}
