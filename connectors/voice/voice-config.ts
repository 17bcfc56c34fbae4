/**
 * The voice channel: a Twilio number answered by an IVR declared here. Menus are a flat map of
 * ids (a submenu is an action pointing at another id), which keeps each call step's state small
 * (menu id + key) and lets menus share submenus ("0: back to the main menu").
 */
import { z } from 'zod'
import { accountSidSchema, apiBaseUrlSchema, authTokenEnvSchema, e164Schema, publicBaseUrlSchema } from '../twilio/twilio-config-fields.js'
import { voiceConfigProblems } from './voice-config-problems.js'
import { DEFAULT_VOICE_LANGUAGES, DEFAULT_VOICE_PROMPTS } from './voice-defaults.js'

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language tags look like zh-CN or en')
const menuId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'ids are 1–32 letters, digits, _ or -, starting with a letter or digit')
export const DTMF_KEY_PATTERN = /^[0-9*#]$/
const dtmfKey = z.string().regex(DTMF_KEY_PATTERN, 'keys are one of 0-9, * or #')
const httpUrl = z.url({ protocol: /^https?$/ })

/** One piece of a prompt: text to say in the call's language, text with its own voice, or a recording. */
const promptPart = z.union([
  z.string().min(1).max(4096),
  z.strictObject({
    say: z.string().min(1).max(4096),
    /** Twilio Say language (zh-CN, cmn-CN, en-US…), when not the call language's. */
    language: z.string().min(2).max(16).optional(),
    voice: z.string().min(1).max(64).optional(),
    loop: z.number().int().min(1).max(10).optional(),
  }),
  z.strictObject({ play: httpUrl, loop: z.number().int().min(1).max(10).optional() }),
])
/** Language → one part or several, said/played in order. */
export const promptSchema = z.record(languageTag, z.union([promptPart, z.array(promptPart).min(1).max(10)]))

/** After a said answer: back to the menu the caller came from, or goodbye. */
const andThen = z.enum(['return', 'hangup']).default('return')
/** Spoken alternatives to the key, per language (matched when the menu listens for speech). */
const speech = z.record(languageTag, z.array(z.string().trim().min(1).max(64)).min(1)).optional()

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('menu'), menu: menuId, speech }),
  /** Into a call queue (see callQueues): agents take the call from the inbox. */
  z.strictObject({ type: z.literal('queue'), queue: menuId, speech }),
  z.strictObject({ type: z.literal('voicemail'), prompt: promptSchema.optional(), speech }),
  /** "Check my case": reads a case number by DTMF and says what the case lookup answers. */
  z.strictObject({
    type: z.literal('caseLookup'),
    prompt: promptSchema.optional(),
    /** Most digits a case number has: input ends by itself after this many. */
    digits: z.number().int().min(1).max(32),
    /** Fewest digits accepted when the caller ends early with the terminator (default: `digits`). */
    minDigits: z.number().int().min(1).max(32).optional(),
    terminator: z.enum(['#', '*']).default('#'),
    timeoutSeconds: z.number().int().min(1).max(60).default(10),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    andThen,
    speech,
  }),
  z.strictObject({ type: z.literal('hangup'), prompt: promptSchema.optional(), speech }),
  /** Say something (opening hours, an address…), then back to the menu or goodbye. */
  z.strictObject({ type: z.literal('say'), prompt: promptSchema, andThen, speech }),
  /** Switch the call's language and replay the current menu. */
  z.strictObject({ type: z.literal('language'), language: languageTag, speech }),
])

export const menuSchema = z.strictObject({
  prompt: promptSchema,
  options: z.record(dtmfKey, actionSchema),
  /** Listen for DTMF only, or for DTMF and speech (options then match their `speech` words). */
  input: z.enum(['dtmf', 'dtmf speech']).default('dtmf'),
  /** Replays the menu; not counted as a wrong key. */
  repeatKey: dtmfKey.default('*'),
  timeoutSeconds: z.number().int().min(1).max(60).default(6),
  /** Wrong keys and silences allowed before `fallback`. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** After maxAttempts (default: the IVR-wide fallback). */
  fallback: actionSchema.optional(),
})

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((value) => {
    // An impossible date (2026-13-01) is an Invalid Date, whose toISOString throws: check before formatting.
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'not a calendar date')
/** `HH:MM-HH:MM`, local time, end after start (24:00 allowed as an end). */
const interval = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'opening hours are HH:MM-HH:MM, e.g. 09:00-17:30')
  .refine((value) => {
    const [start = '', end = ''] = value.split('-')
    return start < end
  }, 'an opening interval must end after it starts (split one that crosses midnight in two)')
const hours = z.array(interval).max(8)
const holidayName = z.record(languageTag, z.string().min(1).max(64))

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const businessHoursSchema = z.strictObject({
  /** IANA zone the hours and dates are in. */
  timezone: z.string().refine(isTimeZone, 'timezone is an IANA zone such as Asia/Shanghai'),
  /** Opening intervals per weekday; a day left out is closed. */
  weekly: z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, hours.default([])])) as Record<(typeof WEEKDAYS)[number], z.ZodDefault<typeof hours>>),
  /** Public holidays: closed all day unless `hours` says otherwise. `until` makes a range (inclusive). */
  holidays: z.array(z.strictObject({ date: isoDate, until: isoDate.optional(), name: holidayName.optional(), hours: hours.default([]) })).default([]),
  /** 调休: weekend days worked to make up for a holiday. Open with `hours`, else Monday's (or the first open weekday's). */
  makeUpWorkdays: z.array(z.strictObject({ date: isoDate, name: holidayName.optional(), hours: hours.optional() })).default([]),
})

export const callQueueSchema = z.strictObject({
  /** Twilio queue friendly name (default: the id). */
  twilioQueue: z.string().min(1).max(64).optional(),
  /** Hold music. One play lasts until the next announcement: use a clip about announceEverySeconds long. */
  waitMusicUrl: httpUrl.optional(),
  announcePosition: z.boolean().default(true),
  announceEverySeconds: z.number().int().min(10).max(600).default(60),
  /** After this long in the queue the caller leaves it (`<Leave/>`) for `overflow`. */
  maxWaitSeconds: z.number().int().min(30).max(3600).default(300),
  overflow: z.enum(['voicemail', 'hangup']).default('voicemail'),
  /** Said before enqueueing (default: prompts.queueEnter). */
  enterPrompt: promptSchema.optional(),
  /** Default: prompts.queuePosition. */
  positionPrompt: promptSchema.optional(),
})

const voicemailSchema = z.strictObject({
  maxLengthSeconds: z.number().int().min(5).max(3600).default(120),
  /** Twilio transcription is English-only and for recordings up to 2 minutes [memory]: Chinese needs a transcription job of the hub's. */
  transcribe: z.boolean().default(true),
  playBeep: z.boolean().default(true),
  finishOnKey: z.enum(['#', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).default('#'),
  /** Seconds of silence that end the recording. */
  silenceTimeoutSeconds: z.number().int().min(1).max(60).default(5),
})

const promptsSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(DEFAULT_VOICE_PROMPTS).map(([name, text]) => [name, promptSchema.default(text)])) as {
      [Name in keyof typeof DEFAULT_VOICE_PROMPTS]: z.ZodDefault<typeof promptSchema>
    },
  )
  .prefault({})

/** The agents' browser softphone (Twilio Voice SDK): an API key to sign access tokens and the TwiML App it calls. */
const softphoneSchema = z.strictObject({
  apiKeySid: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'apiKeySid is SK followed by 32 hex digits'),
  apiKeySecretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'apiKeySecretEnv is the NAME of an environment variable, e.g. TWILIO_API_KEY_SECRET')
    .default('TWILIO_API_KEY_SECRET'),
  /** The TwiML App whose Voice URL is this channel's /voice/agent webhook. */
  twimlAppSid: z.string().regex(/^AP[0-9a-fA-F]{32}$/, 'twimlAppSid is AP followed by 32 hex digits'),
  tokenTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
})

const languageSchema = z.strictObject({
  /** Twilio `<Say language>`. */
  sayLanguage: z.string().min(2).max(16),
  voice: z.string().min(1).max(64).optional(),
  /** Twilio `<Gather language>` for speech input. */
  speechLanguage: z.string().min(2).max(16).optional(),
})

export const voiceConfigSchema = z
  .object({
    type: z.literal('voice'),
    provider: z.literal('twilio').default('twilio'),
    accountSid: accountSidSchema,
    authTokenEnv: authTokenEnvSchema,
    /** The hotline number callers dial (its Voice URL points at this channel). */
    phoneNumber: e164Schema,
    /** The public URL of the hub's root as Twilio calls it: signatures and every TwiML action URL use it. */
    publicBaseUrl: publicBaseUrlSchema,
    /** Overridable so tests (and proxies) serve api.twilio.com's recordings. */
    apiBaseUrl: apiBaseUrlSchema,
    languages: z.record(languageTag, languageSchema).default(DEFAULT_VOICE_LANGUAGES),
    defaultLanguage: languageTag.default('zh-CN'),
    /** Language first: "普通话服务请按1, for English press 2". */
    languageMenu: z
      .strictObject({
        keys: z.record(dtmfKey, languageTag),
        timeoutSeconds: z.number().int().min(1).max(30).default(5),
        maxAttempts: z.number().int().min(1).max(5).default(2),
      })
      .optional(),
    /** Said once when the call is answered (before the language menu: in every language). */
    welcome: promptSchema.optional(),
    /** Absent: open 7×24 (as 12345 hotlines are). */
    businessHours: businessHoursSchema.optional(),
    /** What a call outside business hours gets after the closed/holiday prompt. */
    closedAction: z.enum(['voicemail', 'hangup']).default('voicemail'),
    entryMenu: menuId.default('main'),
    menus: z.record(menuId, menuSchema),
    /** After a menu's maxAttempts when the menu sets no fallback. */
    fallback: actionSchema.default({ type: 'hangup' }),
    callQueues: z.record(menuId, callQueueSchema).default({}),
    voicemail: voicemailSchema.prefault({}),
    prompts: promptsSchema,
    softphone: softphoneSchema.optional(),
    /** The case lookup must answer within this, or the caller hears that it is unavailable (Twilio waits 15 s for TwiML). */
    caseLookupTimeoutMs: z.number().int().min(100).max(10_000).default(4000),
  })
  .superRefine((config, context) => {
    for (const problem of voiceConfigProblems(config)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message })
  })

export type VoiceConfig = z.output<typeof voiceConfigSchema>
export type VoiceConfigInput = z.input<typeof voiceConfigSchema>
export type Prompt = z.output<typeof promptSchema>
export type IvrAction = z.output<typeof actionSchema>
export type IvrMenu = z.output<typeof menuSchema>
export type BusinessHours = z.output<typeof businessHoursSchema>
export type CallQueueConfig = z.output<typeof callQueueSchema>
export type Weekday = (typeof WEEKDAYS)[number]

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
