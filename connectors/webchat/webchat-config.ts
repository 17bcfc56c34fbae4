import { z } from 'zod'

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).catchall(z.string().min(1))

export const webchatConfigSchema = z.object({
  type: z.literal('webchat'),
  /** Shown in the widget header and greeting, per language. */
  title: localized,
  greeting: localized,
  /** Origins allowed to embed the widget; `*` allows any (fine for a demo, not for production). */
  allowedOrigins: z.array(z.string().min(1)).min(1).default(['*']),
  maxMessageLength: z.number().int().min(1).max(20_000).default(4000),
  /** HMAC key for visitor tokens (≥ 32 chars, from the environment). Derived from SESSION_SECRET when absent. */
  visitorTokenSecret: z.string().min(32, 'visitorTokenSecret must be at least 32 characters').optional(),
  visitorTokenTtlDays: z.number().int().min(1).max(3650).default(180),
})

export type WebchatConfig = z.infer<typeof webchatConfigSchema>
