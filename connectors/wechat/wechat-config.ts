import { z } from 'zod'

/** Intent names the hub acts on; any other string is allowed and passed through for custom routing. */
export const WECHAT_KNOWN_INTENTS = ['check_work_order', 'talk_to_agent'] as const

export const WECHAT_DEFAULT_API_BASE_URL = 'https://api.weixin.qq.com'

const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/

export const wechatConfigSchema = z
  .object({
    type: z.literal('wechat'),
    /** The Official Account's AppID (`wx` + 16 characters), also the trailer of every encrypted payload. */
    appId: z.string().regex(/^wx[0-9A-Za-z]{16}$/, 'appId looks like wx followed by 16 letters or digits'),
    /** The server-configuration Token (3–32 letters or digits, as the WeChat console allows). */
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'token is 3–32 letters or digits, as set in the WeChat console'),
    /** EncodingAESKey (43 letters or digits). Required in `compatible` and `safe` mode. */
    encodingAESKey: z.string().regex(ENCODING_AES_KEY_PATTERN, 'encodingAESKey is exactly 43 letters or digits').optional(),
    /** Message encryption mode as set in the WeChat console (明文 / 兼容 / 安全). */
    mode: z.enum(['plaintext', 'compatible', 'safe']),
    /** Name of the environment variable holding the AppSecret: secrets never live in channels.config.ts. */
    appSecretEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'appSecretEnv is the NAME of an environment variable, e.g. WECHAT_APP_SECRET')
      .default('WECHAT_APP_SECRET'),
    /** Overridable so tests (and proxies) can point the connector at another host. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).default(WECHAT_DEFAULT_API_BASE_URL),
    /** Passive reply to a new follower; the English line, when given, follows the Chinese one. */
    welcomeReply: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1).optional() }).optional(),
    /** Menu EventKey (CLICK key or VIEW URL) → intent name, e.g. `{ MENU_PROGRESS: 'check_work_order' }`. */
    menuIntents: z.record(z.string().min(1).max(1024), z.string().min(1).max(64)).default({}),
    /**
     * The approved template that carries an agent's reply to a citizen outside the 48-hour window
     * ("send as template" in the inbox): which template field receives the reply text, and
     * optionally which receives the time and a fixed title.
     */
    replyTemplate: z
      .object({
        templateId: z.string().min(1).max(128),
        textField: z.string().min(1).max(32).default('keyword1'),
        timeField: z.string().min(1).max(32).optional(),
        /** Fixed values for the template's other fields, e.g. `{ thing2: '12345热线回复' }`. */
        fixed: z.record(z.string().min(1).max(32), z.string().max(200)).default({}),
        url: z.url({ protocol: /^https?$/ }).optional(),
      })
      .optional(),
    /** Reject callbacks whose timestamp is further than this from the hub's clock. Off unless set: WeChat mandates none. */
    timestampToleranceSeconds: z.number().int().min(1).max(86_400).optional(),
    /** Callback bodies larger than this are refused with 413 (real WeChat pushes are a few KiB). */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024)
      .default(64 * 1024),
  })
  .superRefine((config, context) => {
    const problem = encryptionConfigProblem(config)
    if (problem) context.addIssue({ code: 'custom', path: ['encodingAESKey'], message: problem })
  })

export type WechatConfig = z.output<typeof wechatConfigSchema>
export type WechatMode = WechatConfig['mode']

/**
 * The one cross-field rule. Exported because the hub builds its channel schema from
 * `configSchema.shape`, which drops object-level refinements: the factory checks again.
 */
export function encryptionConfigProblem(config: Pick<WechatConfig, 'mode' | 'encodingAESKey'>): string | undefined {
  if (config.mode === 'plaintext' || config.encodingAESKey) return undefined
  return `encodingAESKey is required when mode is "${config.mode}"`
}
