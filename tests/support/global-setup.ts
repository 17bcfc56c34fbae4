/**
 * Starts one real FerretDB (SQLite backend) and one real Redis for a test run,
 * in a fresh temporary folder, and hands their addresses to the tests.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedServices } from '../../server/infra/embedded/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string
    redisUrl: string
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'))
  const services = await startEmbeddedServices({ dataDir, needMongo: true, needRedis: true, log: (line) => console.log(line) })
  if (!services.mongoUri || !services.redisUrl) throw new Error('embedded services did not start')
  project.provide('mongoUri', services.mongoUri)
  project.provide('redisUrl', services.redisUrl)
  return async () => {
    await services.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
