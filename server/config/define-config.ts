import type { HubConfigInput } from './hub-config-schema.js'

/**
 * Identity helper for channels.config.ts: it exists for the types (autocompletion
 * and errors in the editor). Validation happens at boot, in loadHubConfig.
 */
export function defineConfig(config: HubConfigInput): HubConfigInput {
  return config
}
