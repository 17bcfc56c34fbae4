import { execFile, spawn } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Log } from './child-service.js'

export const FERRETDB_VERSION = 'v1.24.2'
const MODULE = 'github.com/FerretDB/FerretDB'

/** ${XDG_CACHE_HOME:-~/.cache}/switchboard, shared by all checkouts on the machine. */
export function switchboardCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'switchboard')
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Runs a go command, keeping its (chatty) output for the error message only. */
function go(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk).slice(-8000)))
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0) resolve(stdout)
      else reject(Object.assign(new Error(`go ${args.join(' ')} failed (code ${code}):\n${stderr}`), { stdout }))
    })
  })
}

async function checkGo(): Promise<void> {
  let output: string
  try {
    output = (await promisify(execFile)('go', ['version'])).stdout
  } catch {
    throw new Error(`Go is not on PATH. Building FerretDB ${FERRETDB_VERSION} needs Go >= 1.24 (https://go.dev/dl/; Debian 12's golang package is too old).`)
  }
  const [, major, minor] = /go(\d+)\.(\d+)/.exec(output) ?? []
  // Go >= 1.21 fetches the newer toolchain FerretDB's go.mod asks for by itself.
  if (Number(major) === 1 && Number(minor) < 21) {
    throw new Error(`${output.trim()} is too old to build FerretDB ${FERRETDB_VERSION}; install Go >= 1.24`)
  }
}

/** Module cache files are read-only; `chmod -R u+w` without depending on a shell. */
function makeWritable(path: string): void {
  const stat = lstatSync(path)
  if (stat.isSymbolicLink()) return
  chmodSync(path, (stat.mode & 0o7777) | 0o200)
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry))
}

function removeTree(path: string): void {
  try {
    makeWritable(path)
  } catch {}
  rmSync(path, { recursive: true, force: true })
}

// `go install …@v1.24.2` cannot be used: the module proxy here refuses the @v/list lookup, and a
// binary built as a dependency panics without build/version/version.txt. So: download the module
// source, copy it somewhere writable, write version.txt, and build it as the main module.
async function build(cacheDir: string, binPath: string, log: Log): Promise<void> {
  await checkGo()
  const started = Date.now()
  log(`[setup] building FerretDB ${FERRETDB_VERSION} with go (first run only, 2–4 min)…`)
  const heartbeat = setInterval(() => log(`[setup] still building FerretDB… ${Math.round((Date.now() - started) / 1000)} s`), 20_000)
  const env = { ...process.env, GOWORK: 'off', GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod`.trim() }
  const emptyDir = mkdtempSync(join(tmpdir(), 'switchboard-ferretdb-'))
  const srcDir = join(cacheDir, 'src', `ferretdb-${FERRETDB_VERSION}`)
  const tmpBin = `${binPath}.tmp-${process.pid}`
  try {
    let json: string
    try {
      json = await go(['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { cwd: emptyDir, env })
    } catch (error) {
      json = (error as { stdout?: string }).stdout ?? ''
      if (!json.includes('"Error"')) throw error
    }
    const info = JSON.parse(json) as { Dir?: string; Error?: string }
    if (info.Error || !info.Dir) throw new Error(`go mod download ${MODULE}@${FERRETDB_VERSION}: ${info.Error ?? 'no Dir'}`)

    removeTree(srcDir)
    mkdirSync(join(cacheDir, 'src'), { recursive: true })
    cpSync(info.Dir, srcDir, { recursive: true })
    makeWritable(srcDir)
    writeFileSync(join(srcDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`)

    log('[setup] compiling FerretDB (go build)…')
    // -buildvcs=false: the cache may live inside a git checkout (dotfiles) whose status is irrelevant.
    const buildEnv = { ...process.env, GOWORK: 'off', CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' }
    await go(['build', '-trimpath', '-o', tmpBin, './cmd/ferretdb'], { cwd: srcDir, env: buildEnv })

    const version = await promisify(execFile)(tmpBin, ['--version'])
    if (!version.stdout.includes(`version: ${FERRETDB_VERSION}`)) {
      throw new Error(`the built FerretDB reports an unexpected version:\n${version.stdout}`)
    }
    renameSync(tmpBin, binPath)
    removeTree(srcDir)
    log(`[setup] FerretDB ${FERRETDB_VERSION} built in ${Math.round((Date.now() - started) / 1000)} s: ${binPath}`)
  } finally {
    clearInterval(heartbeat)
    rmSync(emptyDir, { recursive: true, force: true })
    rmSync(tmpBin, { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// Test files run in parallel processes; a lock dir makes one of them build while the others wait.
async function withBuildLock<T>(lockDir: string, ready: () => boolean, log: Log, fn: () => Promise<T>): Promise<T | undefined> {
  let announced = false
  for (;;) {
    if (ready()) return undefined
    try {
      mkdirSync(lockDir)
      writeFileSync(join(lockDir, 'pid'), String(process.pid))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let owner = Number.NaN
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'))
      } catch {}
      // A dead owner left a stale lock; no pid file means the owner is between mkdir and
      // writeFile, unless that was long ago (it was killed right then).
      let age = 0
      try {
        age = Date.now() - statSync(lockDir).mtimeMs
      } catch {}
      const stale = Number.isInteger(owner) && owner > 0 ? !isAlive(owner) : age > 60_000
      if (stale) {
        rmSync(lockDir, { recursive: true, force: true })
        continue
      }
      if (!announced) log('[setup] waiting for another process that is building FerretDB…')
      announced = true
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}

const pending = new Map<string, Promise<string>>()

/** Path of the cached FerretDB binary, building it once per machine when missing. */
export function ensureFerretDbBinary(log: Log): Promise<string> {
  const cacheDir = switchboardCacheDir()
  const binPath = join(cacheDir, 'bin', `ferretdb-${FERRETDB_VERSION}`)
  if (isExecutable(binPath)) return Promise.resolve(binPath)
  let job = pending.get(binPath)
  if (!job) {
    job = (async () => {
      mkdirSync(join(cacheDir, 'bin'), { recursive: true })
      const lockDir = join(cacheDir, 'bin', `.ferretdb-${FERRETDB_VERSION}.lock`)
      await withBuildLock(
        lockDir,
        () => isExecutable(binPath),
        log,
        () => build(cacheDir, binPath, log),
      )
      return binPath
    })()
    pending.set(binPath, job)
    job.catch(() => pending.delete(binPath))
  }
  return job
}
