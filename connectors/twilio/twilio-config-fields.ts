/**
 * Config fields every Twilio-backed channel shares (one account may back both SMS and voice).
 * Secrets never live in channels.config.ts: the auth token is read from the environment
 * variable whose NAME the config gives.
 */
import { z } from 'zod'

export const TWILIO_DEFAULT_API_BASE_URL = 'https://api.twilio.com'

export const accountSidSchema = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid is AC followed by 32 hex digits (Twilio console → Account Info)')

export const authTokenEnvSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'authTokenEnv is the NAME of an environment variable, e.g. TWILIO_AUTH_TOKEN')
  .default('TWILIO_AUTH_TOKEN')

/** E.164: `+`, country code, subscriber number; 7 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/

export const e164Schema = z.string().regex(E164_PATTERN, 'phone numbers are E.164, e.g. +8657112345678')

/**
 * The public URL that corresponds to the hub's root, as Twilio calls it (scheme, host, optional
 * port and path prefix). Signatures are computed over it, never over the Host header a proxy rewrote.
 */
export const publicBaseUrlSchema = z
  .url({ protocol: /^https?$/ })
  .refine((value) => !/[?#]/.test(value), 'publicBaseUrl has no query string or fragment')
  .transform((value) => value.replace(/\/+$/, ''))

/** Overridable so tests (and egress proxies) can point the REST client at another host. */
export const apiBaseUrlSchema = z
  .url({ protocol: /^https?$/ })
  .default(TWILIO_DEFAULT_API_BASE_URL)
  .transform((value) => value.replace(/\/+$/, ''))

/** The auth token named by `authTokenEnv`, or a TypeError telling the operator what to set. */
export function readAuthToken(options: { channelId: string; authTokenEnv: string; environment: Readonly<Record<string, string | undefined>> }): string {
  const token = options.environment[options.authTokenEnv]
  if (!token) {
    throw new TypeError(
      `Channel "${options.channelId}": the Twilio auth token is missing. Set the ${options.authTokenEnv} environment variable (named by authTokenEnv).`,
    )
  }
  return token
}
