import { z } from 'zod'

/** npm names of puppets that cannot log in without a token (a puppet service, PadLocal). */
export const WECHATY_PUPPETS_NEEDING_TOKEN: readonly string[] = ['wechaty-puppet-service', 'wechaty-puppet-padlocal']

const PUPPET_NAME_PATTERN = /^(@[a-z0-9][a-z0-9._~-]*\/)?wechaty-puppet-[a-z0-9._~-]+$/
const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/

export const wechatyConfigSchema = z.object({
  type: z.literal('wechaty'),
  /**
   * npm name of the Wechaty puppet, installed next to the hub: `wechaty-puppet-service` for WeCom
   * or any puppet service (token from `puppetTokenEnv`), `wechaty-puppet-mock` for demos and tests.
   */
  puppet: z.string().regex(PUPPET_NAME_PATTERN, 'puppet is the npm name of a Wechaty puppet, e.g. wechaty-puppet-service'),
  /** Name of the environment variable holding the puppet token: secrets never live in channels.config.ts. */
  puppetTokenEnv: z.string().regex(ENV_NAME_PATTERN, 'puppetTokenEnv is the NAME of an environment variable, e.g. WECHATY_PUPPET_SERVICE_TOKEN').optional(),
  /** Extra, non-secret puppet options (endpoint, `tls`, timeouts…), passed to the puppet as is. */
  puppetOptions: z
    .record(z.string().min(1), z.json())
    .refine((options) => !Object.hasOwn(options, 'token'), 'the puppet token comes from puppetTokenEnv, never from puppetOptions')
    .default({}),
  /**
   * Wechaty's bot name (`name` is the channel's display name, shared by every channel type). Wechaty also keeps its session in `<name>.memory-card.json` in the working
   * directory (some puppets resume from it without a new QR scan); leave it out to keep nothing on disk.
   */
  botName: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'botName is 1–64 letters, digits, dots, dashes or underscores (it names a file)')
    .optional(),
  /**
   * Group (room) messages: `ignore` them, take only those that @-mention the bot, or take `all`.
   * A handled room is one conversation of the hub, whose contact is the room.
   */
  rooms: z.enum(['ignore', 'mentions', 'all']).default('mentions'),
  /** When given, only rooms whose id or topic is listed are handled (`rooms` still applies). */
  allowedRooms: z.array(z.string().min(1)).min(1).optional(),
})

export type WechatyConfig = z.output<typeof wechatyConfigSchema>
export type WechatyRoomPolicy = WechatyConfig['rooms']
