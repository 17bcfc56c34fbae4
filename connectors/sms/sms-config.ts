import { z } from 'zod'
import { accountSidSchema, apiBaseUrlSchema, authTokenEnvSchema, e164Schema, publicBaseUrlSchema } from '../twilio/twilio-config-fields.js'
import { normalizeKeyword } from './sms-keywords.js'

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language tags look like zh-CN or en')
const keywordList = z.array(z.string().trim().min(1).max(32)).default([])
/** Language → keywords; the language picks the reply's language. */
const keywordsByLanguage = z.record(languageTag, keywordList)
const localizedText = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).catchall(z.string().min(1))

/**
 * Defaults: Twilio's standard opt-out / opt-in / help keywords [memory: twilio.com "Advanced Opt-Out"],
 * plus what mainland operators use (回复 T / TD 退订).
 */
export const DEFAULT_SMS_KEYWORDS = {
  stop: { en: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'], 'zh-CN': ['退订', 'TD', 'T', '取消订阅', '退订短信'] },
  start: { en: ['START', 'UNSTOP', 'YES'], 'zh-CN': ['订阅', '恢复订阅', '重新订阅'] },
  help: { en: ['HELP', 'INFO'], 'zh-CN': ['帮助'] },
}

export const DEFAULT_SMS_REPLIES = {
  help: {
    'zh-CN': '【12345热线】您好，回复本短信即可留言，工作人员会尽快回复。紧急情况请拨打110/119/120。回复“退订”不再接收短信。',
    en: '12345 Hotline: reply to this number to reach an agent. In an emergency call 110/119/120. Reply STOP to opt out.',
  },
  stop: {
    'zh-CN': '【12345热线】您已退订本号码的短信。回复“订阅”可恢复接收。',
    en: '12345 Hotline: you are unsubscribed and will receive no more messages. Reply START to resubscribe.',
  },
  start: {
    'zh-CN': '【12345热线】您已恢复接收本号码的短信。回复“退订”可随时退订。',
    en: '12345 Hotline: you are subscribed again. Reply STOP to opt out.',
  },
}

export const smsConfigSchema = z
  .object({
    type: z.literal('sms'),
    /** The provider behind this channel. Mainland providers (Aliyun, Tencent Cloud) will be connectors of their own. */
    provider: z.literal('twilio').default('twilio'),
    accountSid: accountSidSchema,
    authTokenEnv: authTokenEnvSchema,
    /** Sender number (E.164). Exactly one of `from` and `messagingServiceSid`. */
    from: e164Schema.optional(),
    /** A Messaging Service (MG…) instead of a single number: Twilio picks the sender. */
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'messagingServiceSid is MG followed by 32 hex digits')
      .optional(),
    /** The public URL of the hub's root as Twilio calls it: signatures and the statusCallback URL use it. */
    publicBaseUrl: publicBaseUrlSchema,
    apiBaseUrl: apiBaseUrlSchema,
    /** Whole-message keywords (case, width and surrounding punctuation ignored), per language. */
    keywords: z
      .object({
        stop: keywordsByLanguage.default(DEFAULT_SMS_KEYWORDS.stop),
        start: keywordsByLanguage.default(DEFAULT_SMS_KEYWORDS.start),
        help: keywordsByLanguage.default(DEFAULT_SMS_KEYWORDS.help),
      })
      .prefault({}),
    /**
     * Automatic replies, in the language of the keyword; `null` turns one off. On US/CA numbers Twilio answers English
     * STOP/START/HELP itself, and drops a reply to a number it has just opted out (error 21610) [memory].
     */
    replies: z
      .object({
        help: localizedText.nullable().default(DEFAULT_SMS_REPLIES.help),
        stop: localizedText.nullable().default(DEFAULT_SMS_REPLIES.stop),
        start: localizedText.nullable().default(DEFAULT_SMS_REPLIES.start),
      })
      .prefault({}),
    /** Send image/audio/video/file attachments as MMS (US/CA numbers only; mainland numbers get none). */
    mms: z.boolean().default(false),
    /** Refuse texts longer than this many segments (Twilio's own limit is 1600 characters). */
    maxSegments: z.number().int().min(1).max(20).default(10),
  })
  .superRefine((config, context) => {
    for (const problem of smsConfigProblems(config)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message })
  })

export type SmsConfig = z.output<typeof smsConfigSchema>

export interface ConfigProblem {
  path: string[]
  message: string
}

/**
 * The cross-field rules. Exported because the hub builds its channel schema from
 * `configSchema.shape`, which drops object-level refinements: the factory checks again.
 */
export function smsConfigProblems(config: Pick<SmsConfig, 'from' | 'messagingServiceSid' | 'keywords'>): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  if (!config.from === !config.messagingServiceSid) {
    problems.push({ path: ['from'], message: 'set exactly one of from (a number) and messagingServiceSid' })
  }
  const owner = new Map<string, string>()
  for (const kind of ['stop', 'start', 'help'] as const) {
    for (const [language, words] of Object.entries(config.keywords[kind])) {
      for (const word of words) {
        const normalized = normalizeKeyword(word)
        const previous = owner.get(normalized)
        if (previous && previous !== kind) {
          problems.push({ path: ['keywords', kind, language], message: `keyword "${word}" is also a ${previous} keyword` })
        }
        owner.set(normalized, kind)
      }
    }
  }
  return problems
}
