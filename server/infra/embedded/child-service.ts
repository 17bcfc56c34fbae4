import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname } from 'node:path'

export type Log = (line: string) => void

export interface ChildServiceOptions {
  /** Short name used in messages, e.g. 'redis'. */
  name: string
  command: string
  args: string[]
  /** Output goes here (appended), never to the console. */
  logFile: string
  /** TCP port on 127.0.0.1 that accepts connections once the service is ready. */
  port: number
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Run as another OS user (e.g. postgres, whose initdb refuses root). */
  uid?: number
  gid?: number
  startTimeoutMs?: number
  /** Signal for a graceful stop; postgres wants SIGINT ("fast shutdown"), SIGTERM waits for clients. */
  stopSignal?: NodeJS.Signals
  stopTimeoutMs?: number
  log?: Log
}

export interface ChildService {
  readonly name: string
  readonly pid: number
  readonly logFile: string
  stop(): Promise<void>
}

// Children still running when this process exits. Covers process.exit() and the end of the
// event loop; hard deaths (SIGKILL, crash) are covered by the parent-death signal below.
const running = new Map<ChildProcess, NodeJS.Signals>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const [child, signal] of running) child.kill(signal)
  })
}

let setprivPath: string | null | undefined
function findSetpriv(): string | null {
  if (setprivPath !== undefined) return setprivPath
  setprivPath = null
  if (process.platform !== 'linux') return setprivPath
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    try {
      accessSync(candidate, constants.X_OK)
      setprivPath = candidate
      break
    } catch {}
  }
  return setprivPath
}

/** Last lines of a log file, read from its tail only (logs are appended across runs). */
export function tailFile(file: string, lines = 20): string {
  try {
    const size = statSync(file).size
    const length = Math.min(size, 16 * 1024)
    const buffer = Buffer.alloc(length)
    const fd = openSync(file, 'r')
    try {
      readSync(fd, buffer, 0, length, size - length)
    } finally {
      closeSync(fd)
    }
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log output)'
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.setTimeout(1000, () => done(false))
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function startChildService(options: ChildServiceOptions): Promise<ChildService> {
  const { name, logFile, port } = options
  const stopSignal = options.stopSignal ?? 'SIGTERM'
  const startTimeoutMs = options.startTimeoutMs ?? 30_000
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000

  mkdirSync(dirname(logFile), { recursive: true })
  // The child writes straight to the file descriptor: no pipe through this process, so output
  // is not lost and the child gets no EPIPE if this process dies first.
  const fd = openSync(logFile, 'a')
  writeSync(fd, `\n--- ${new Date().toISOString()} ${options.command} ${options.args.join(' ')}\n`)

  // setpriv --pdeathsig makes the kernel signal the child when this process dies in any way,
  // including SIGKILL, which no 'exit' handler can catch.
  const setpriv = findSetpriv()
  const command = setpriv ?? options.command
  const args = setpriv ? ['--pdeathsig', stopSignal, '--', options.command, ...options.args] : options.args

  let child: ChildProcess
  try {
    child = spawn(command, args, {
      stdio: ['ignore', fd, fd],
      env: options.env ?? process.env,
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
      // Own process group: a terminal's Ctrl-C reaches the hub only, which then stops the
      // services in order (hub connections first), instead of pulling them out from under it.
      detached: true,
    })
  } finally {
    closeSync(fd)
  }
  installExitHook()
  running.set(child, stopSignal)

  let exitInfo: string | null = null
  let stopping = false
  let ready = false
  const exited = new Promise<void>((resolve) => {
    const onDone = (info: string) => {
      if (exitInfo !== null) return
      exitInfo = info
      running.delete(child)
      if (!stopping && ready) options.log?.(`[${name}] exited unexpectedly (${info}); see ${logFile}`)
      resolve()
    }
    child.once('exit', (code, signal) => onDone(signal ? `signal ${signal}` : `code ${code}`))
    child.once('error', (error) => onDone(error.message))
  })

  const deadline = Date.now() + startTimeoutMs
  while (!ready) {
    if (exitInfo !== null) {
      throw new Error(`${name} exited during startup (${exitInfo}). Last lines of ${logFile}:\n${tailFile(logFile)}`)
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(
        `${name} did not accept connections on 127.0.0.1:${port} within ${startTimeoutMs} ms. ` + `Last lines of ${logFile}:\n${tailFile(logFile)}`,
      )
    }
    ready = await canConnect(port)
    if (!ready) await sleep(100)
  }

  return {
    name,
    pid: child.pid ?? -1,
    logFile,
    async stop() {
      if (exitInfo !== null) return
      stopping = true
      child.kill(stopSignal)
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs)
      await exited
      clearTimeout(timer)
    },
  }
}
