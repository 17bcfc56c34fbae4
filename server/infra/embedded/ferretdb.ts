import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Log, startChildService } from './child-service.js'
import { ensureFerretDbBinary } from './ferretdb-binary.js'
import { findFreePort } from './free-port.js'

export type FerretDbBackend = 'sqlite' | 'postgresql'

export interface FerretDbOptions {
  dataDir: string
  backend: FerretDbBackend
  /** Required for the postgresql backend, e.g. postgres://postgres@127.0.0.1:5432/ferretdb */
  postgresUrl?: string
  log: Log
}

/** Runs FerretDB (MongoDB wire protocol) on a free loopback port; see docs in shared/reference/ferretdb.md. */
export async function startFerretDb(options: FerretDbOptions): Promise<{ uri: string; stop(): Promise<void> }> {
  const { dataDir, backend, log } = options
  const binary = await ensureFerretDbBinary(log)
  const stateDir = join(dataDir, 'ferretdb-state')
  mkdirSync(stateDir, { recursive: true })

  let backendArgs: string[]
  if (backend === 'sqlite') {
    const sqliteDir = join(dataDir, 'ferretdb')
    mkdirSync(sqliteDir, { recursive: true })
    // FerretDB wants a directory URI with a trailing slash; each database becomes one .sqlite file there.
    backendArgs = ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`]
  } else {
    if (!options.postgresUrl) throw new Error('startFerretDb: the postgresql backend needs postgresUrl')
    backendArgs = ['--handler=postgresql', `--postgresql-url=${options.postgresUrl}`]
  }

  // Explicit ports: the defaults (27017, debug 8088) collide between instances and with a real mongod.
  // The debug (metrics/pprof) server takes port 0 so the kernel picks one: no second port to race for.
  const port = await findFreePort()
  const service = await startChildService({
    name: 'ferretdb',
    command: binary,
    args: [
      ...backendArgs,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=127.0.0.1:0',
      // 'undecided' (the default) would try to reach the internet.
      '--telemetry=disable',
      `--state-dir=${stateDir}`,
      '--log-level=warn',
    ],
    logFile: join(dataDir, 'logs', 'ferretdb.log'),
    port,
    log,
  })
  return { uri: `mongodb://127.0.0.1:${port}/`, stop: () => service.stop() }
}
