import { spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Log } from './child-service.js'

// One `apt-get update` and one install per package per process, even when redis, postgres and
// chromium are ensured concurrently (apt holds a global lock, so installs are also serialized).
let updated: Promise<void> | undefined
const installs = new Map<string, Promise<void>>()
let queue: Promise<unknown> = Promise.resolve()

function aptPrefix(): string[] {
  if (process.getuid?.() === 0) return []
  if (spawnSync('sudo', ['-n', 'true']).status === 0) return ['sudo', '-n']
  throw new Error('Installing system packages needs root. Run `sudo npm run setup` once, or install them yourself with apt-get.')
}

function run(args: string[], log: Log): Promise<void> {
  const [command, ...rest] = [...aptPrefix(), 'apt-get', ...args]
  log(`[setup] $ ${[command, ...rest].join(' ')}`)
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, rest, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    const tail: string[] = []
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line)
        if (tail.length > 30) tail.shift()
        // dpkg's "(Reading database ... 5%" counter prints 20 lines per package; skip it.
        if (line.trim() && !/Reading database \.\.\. \d+%$/.test(line)) log(`[apt] ${line}`)
      })
    }
    child.once('error', (error) => reject(new Error(`could not run apt-get (${error.message}); this setup expects Debian/Ubuntu`)))
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`apt-get ${args.join(' ')} failed (code ${code}):\n${tail.join('\n')}`))))
  })
}

export function aptInstall(packages: string[], log: Log): Promise<void> {
  const key = [...packages].sort().join(' ')
  const existing = installs.get(key)
  if (existing) return existing
  const job = queue.then(async () => {
    updated ??= run(['update', '-q'], log).catch((error) => {
      updated = undefined
      throw error
    })
    await updated
    log(`[setup] installing ${packages.join(', ')} with apt-get…`)
    // Recommends stay on: chromium's pull in the fonts that browser tests render with.
    await run(['install', '-y', '-q', ...packages], log)
  })
  queue = job.catch(() => {})
  // A failed install may be retried later in the same process (e.g. after fixing the network).
  installs.set(key, job)
  job.catch(() => installs.delete(key))
  return job
}
