import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { formatIssues } from './format-issues.js'
import { type HubConfig, hubConfigSchema } from './hub-config-schema.js'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Validates a config object, listing every problem at once. */
export function validateHubConfig(input: unknown, source = 'channels.config.ts'): HubConfig {
  const result = hubConfigSchema.safeParse(input)
  if (!result.success) throw new ConfigError(`${source} has ${result.error.issues.length} problem(s):\n${formatIssues(result.error.issues)}`)
  return result.data
}

/** Loads channels.config.ts from SWITCHBOARD_CONFIG or the project root. */
export async function loadHubConfig(configPath?: string): Promise<HubConfig> {
  const resolved = path.resolve(configPath ?? 'channels.config.ts')
  if (!existsSync(resolved)) throw new ConfigError(`Config file not found: ${resolved} (set SWITCHBOARD_CONFIG or create channels.config.ts)`)
  const module = (await import(pathToFileURL(resolved).href)) as { default?: unknown }
  if (module.default === undefined) throw new ConfigError(`${resolved} must export the config as default (export default defineConfig({ … }))`)
  return validateHubConfig(module.default, path.basename(resolved))
}
