/**
 * Outbound webhook endpoints, in channels.config.ts under `webhooks`: where departments' OA
 * systems want to hear about work orders, which events, and for which departments. The HMAC
 * secret never lives in the file: `secretEnv` names the environment variable that holds it, and
 * a variable that is not set is reported at boot with every other config problem.
 */
import { z } from 'zod'

const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
/** Shorter secrets are guessable offline from one signed request. */
export const MIN_SECRET_LENGTH = 16

/** `work_order.signed`, `work_order.*` (every work-order event) or `*` (everything). */
const eventPattern = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/

type Environment = Readonly<Record<string, string | undefined>>

function endpointUrl() {
  return z.url({ protocol: /^https?$/ }).refine((value) => {
    // Runs after the URL check too; an unparsable URL already has its problem.
    if (!URL.canParse(value)) return true
    const url = new URL(value)
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname)
  }, 'webhook URLs use https (http only for localhost or 127.0.0.1)')
}

function secretEnvName(environment: Environment) {
  return z
    .string()
    .regex(ENV_NAME_PATTERN, 'secretEnv is the NAME of an environment variable, e.g. OA_WEBHOOK_SECRET')
    .superRefine((name, context) => {
      if (!ENV_NAME_PATTERN.test(name)) return
      const secret = environment[name]
      if (!secret) context.addIssue({ code: 'custom', message: `the environment variable ${name} is not set (it holds this endpoint's signing secret)` })
      else if (secret.length < MIN_SECRET_LENGTH) {
        context.addIssue({ code: 'custom', message: `the secret in ${name} is shorter than ${MIN_SECRET_LENGTH} characters` })
      }
    })
}

/** Retries with exponential backoff: `initialDelayMs`, then twice that, and so on, `attempts` tries in all. */
const retrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(20).default(8),
  initialDelayMs: z.number().int().min(10).max(3_600_000).default(10_000),
})

function endpointSchema(environment: Environment) {
  return z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'endpoint ids are 1–32 lowercase letters, digits, dashes or underscores'),
    url: endpointUrl(),
    secretEnv: secretEnvName(environment),
    events: z.array(z.string().regex(eventPattern, 'event types look like work_order.signed, work_order.* or *')).min(1),
    /** Only cases whose lead or co-handling department is one of these; left out: every case. */
    departments: z.array(z.string().min(1)).min(1).optional(),
    retry: retrySchema.prefault({}),
    /** How long one attempt may take before it counts as failed and is retried. */
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  })
}

/** The `webhooks` list; `environment` is where secretEnv names are checked (process.env at boot). */
export function createWebhooksSchema(environment: Environment = process.env) {
  return z
    .array(endpointSchema(environment))
    .superRefine((endpoints, context) => {
      const seen = new Set<string>()
      endpoints.forEach((endpoint, index) => {
        if (seen.has(endpoint.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate webhook endpoint id "${endpoint.id}"` })
        seen.add(endpoint.id)
      })
    })
    .prefault([])
}

export const webhooksSchema = createWebhooksSchema()

export type WebhookEndpoint = z.output<ReturnType<typeof endpointSchema>>
export type WebhookEndpointInput = z.input<ReturnType<typeof endpointSchema>>
