/**
 * Process environment, parsed once at boot. Secrets come only from here.
 * Every problem is reported at once, like the channel config.
 */
import path from 'node:path'
import { z } from 'zod'
import { formatIssues } from './format-issues.js'

const roleList = ['api', 'realtime', 'worker'] as const
export type ProcessRole = (typeof roleList)[number]

/** An empty variable (`PORT=`) means unset, so the default applies instead of 0. */
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value)

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  DATA_DIR: z.string().default('./data'),
  SWITCHBOARD_CONFIG: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  SESSION_TTL_HOURS: z.preprocess(emptyAsUnset, z.coerce.number().positive().default(12)),
  // 16 KiB: a 4000-character message in Chinese is 12 KB of UTF-8 (see README, "Limits").
  WIDGET_MAX_FRAME_BYTES: z.preprocess(emptyAsUnset, z.coerce.number().int().min(256).max(1_048_576).default(16_384)),
  DB_BACKEND: z.enum(['sqlite', 'postgresql']).default('sqlite'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** How many reverse proxies (ingress, load balancer) stand in front of the hub: client addresses come from X-Forwarded-For. */
  TRUSTED_PROXY_HOPS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(10).default(0)),
})

const checkedEnvSchema = envSchema.superRefine(
  (env, context) => {
    const raw = env as unknown as Record<string, unknown>
    if (raw.NODE_ENV === 'production' && !raw.SESSION_SECRET) {
      context.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required when NODE_ENV=production' })
    }
  },
  // Also when other variables are invalid, so every problem is reported at once.
  { when: () => true },
)

export type Env = z.infer<typeof envSchema> & { DATA_DIR: string }

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = checkedEnvSchema.safeParse(source)
  if (!result.success) {
    throw new Error(`Invalid environment:\n${formatIssues(result.error.issues)}`)
  }
  const env = result.data
  return { ...env, DATA_DIR: path.resolve(env.DATA_DIR) }
}

/** `--roles=api,realtime,worker` (default: all three in one process). */
export function parseRoles(argv: readonly string[]): Set<ProcessRole> {
  const flag = argv.find((argument) => argument.startsWith('--roles='))
  if (!flag) return new Set(roleList)
  const requested = flag
    .slice('--roles='.length)
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean)
  const unknown = requested.filter((role) => !(roleList as readonly string[]).includes(role))
  if (unknown.length > 0) throw new Error(`Unknown role(s) ${unknown.join(', ')}; expected some of ${roleList.join(', ')}`)
  if (requested.length === 0) throw new Error(`--roles needs at least one of ${roleList.join(', ')}`)
  return new Set(requested as ProcessRole[])
}
