/** A 12345-style IVR used across the voice tests: language first, office hours with the 2025 National Day calendar. */
import { type VoiceConfig, type VoiceConfigInput, voiceConfigSchema } from '../voice-config.js'

export const ACCOUNT_SID = `AC${'5a1e'.repeat(8)}`
export const AUTH_TOKEN = 'voice-test-auth-token-0123456789'
export const PUBLIC = 'https://hotline.example.gov.cn'
export const WAIT_MUSIC = 'https://cdn.example.gov.cn/hold-60s.mp3'

export const HOTLINE_IVR: VoiceConfigInput = {
  type: 'voice',
  accountSid: ACCOUNT_SID,
  phoneNumber: '+8657112345000',
  publicBaseUrl: PUBLIC,
  languageMenu: { keys: { '1': 'zh-CN', '2': 'en' } },
  welcome: { 'zh-CN': '您好，欢迎致电12345政务服务便民热线。', en: 'Welcome to the 12345 citizen service hotline.' },
  businessHours: {
    timezone: 'Asia/Shanghai',
    weekly: { mon: ['08:30-17:30'], tue: ['08:30-17:30'], wed: ['08:30-17:30'], thu: ['08:30-17:30'], fri: ['08:30-17:30'] },
    holidays: [{ date: '2025-10-01', until: '2025-10-08', name: { 'zh-CN': '国庆节', en: 'National Day' } }],
    makeUpWorkdays: [{ date: '2025-09-28' }, { date: '2025-10-11' }],
  },
  menus: {
    main: {
      prompt: {
        'zh-CN': '咨询请按1，投诉举报请按2，查询工单进度请按3，办公地址请按4，留言请按5，结束请按0，重听请按星号键。',
        en: 'For questions press 1, complaints 2, case status 3, our address 4, to leave a message 5, to hang up 0. Press star to repeat.',
      },
      input: 'dtmf speech',
      options: {
        '1': { type: 'queue', queue: 'general', speech: { 'zh-CN': ['咨询'], en: ['question'] } },
        '2': { type: 'menu', menu: 'complaints', speech: { 'zh-CN': ['投诉', '举报'], en: ['complaint'] } },
        '3': { type: 'caseLookup', digits: 10, minDigits: 6 },
        '4': { type: 'say', prompt: { 'zh-CN': '办公地址：人民路1号。', en: 'We are at 1 Renmin Road.' } },
        '5': { type: 'voicemail' },
        '8': { type: 'language', language: 'en' },
        '0': { type: 'hangup' },
      },
    },
    complaints: {
      prompt: { 'zh-CN': '人工投诉请按1，留言请按2，返回上级菜单请按0。', en: 'Press 1 for an agent, 2 to leave a message, 0 to go back.' },
      maxAttempts: 2,
      fallback: { type: 'voicemail' },
      options: {
        '1': { type: 'queue', queue: 'complaints' },
        '2': { type: 'voicemail' },
        '0': { type: 'menu', menu: 'main' },
      },
    },
  },
  callQueues: {
    general: { waitMusicUrl: WAIT_MUSIC, announceEverySeconds: 60, maxWaitSeconds: 300 },
    complaints: { twilioQueue: 'hotline-complaints', overflow: 'hangup', maxWaitSeconds: 120 },
  },
}

export function hotlineConfig(patch: Partial<VoiceConfigInput> = {}): VoiceConfig {
  return voiceConfigSchema.parse({ ...HOTLINE_IVR, ...patch })
}

/** Shanghai wall-clock times (UTC+8) for the calendar above. */
export const MONDAY_MORNING = new Date('2025-03-03T10:00:00+08:00')
export const SATURDAY_MORNING = new Date('2025-03-08T10:00:00+08:00')
export const NATIONAL_DAY = new Date('2025-10-02T10:00:00+08:00')
export const MAKE_UP_SUNDAY = new Date('2025-09-28T10:00:00+08:00')
export const MONDAY_NIGHT = new Date('2025-03-03T20:00:00+08:00')
