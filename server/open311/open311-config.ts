/**
 * The Open311 GeoReport v2 facade, in channels.config.ts under `open311`. Secrets never live in
 * the config file: `apiKeysEnv` names the environment variable that holds the API keys.
 */
import { z } from 'zod'

export const open311Schema = z
  .strictObject({
    /** Serve /open311/discovery.* and /open311/v2/*. */
    enabled: z.boolean().default(true),
    /** When set, a request naming another jurisdiction_id is answered 404 (a missing one is fine: this hub serves one jurisdiction). */
    jurisdictionId: z.string().min(1).max(100).optional(),
    /** NAME of the environment variable holding the API keys for POST requests, comma-separated. No keys: every POST is refused. */
    apiKeysEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'apiKeysEnv is the NAME of an environment variable, e.g. OPEN311_API_KEYS')
      .default('OPEN311_API_KEYS'),
    /** Discovery: how to reach the people behind this endpoint. Default: the hub's name. */
    contact: z.string().min(1).max(500).optional(),
    /** Discovery: how to get an API key. */
    keyService: z.string().min(1).max(500).default('Ask the hotline administrators for an API key.'),
    /** Discovery: a sortable stamp of the last change to the services. Default: when the hub loaded its config. */
    changeset: z.string().min(1).max(40).optional(),
    /** Discovery: whether requests filed here are acted upon. */
    type: z.enum(['production', 'test']).default('production'),
    /** Language of service names, agency names and notices (a key of the config's localized names; falls back to en). */
    language: z.string().min(2).max(16).default('en'),
    /**
     * Which cases GET requests shows. Cases filed by phone or chat hold what citizens told the
     * hotline in private, so by default only cases filed through Open311 are public. Confidential
     * cases and cases of non-public categories are never shown.
     */
    publish: z.enum(['open311', 'all']).default('open311'),
    /** service_notice of every request; default: the case's status as the citizen is told it. */
    serviceNotice: z.string().min(1).max(1000).optional(),
    /** POST requests allowed per client address per minute (counted in Redis, across every hub process). */
    postsPerMinute: z.number().int().min(1).max(10_000).default(30),
  })
  .prefault({})

export type Open311Config = z.output<typeof open311Schema>
