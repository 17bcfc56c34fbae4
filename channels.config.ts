/**
 * Which channels this hub serves. Validated at boot: every problem is listed at once.
 * Secrets are read from the environment here, never written in this file.
 */
import { defineConfig } from './server/config/define-config.js'

export default defineConfig({
  hub: {
    name: { 'zh-CN': '12345 政务服务便民热线', en: '12345 Citizen Service Hotline' },
    timezone: 'Asia/Shanghai',
  },
  queues: [
    { id: 'general', name: { 'zh-CN': '综合服务', en: 'General enquiries' } },
    { id: 'housing', name: { 'zh-CN': '住房与物业', en: 'Housing and property' } },
    { id: 'transport', name: { 'zh-CN': '交通出行', en: 'Transport' }, assignment: 'round_robin' },
    { id: 'business', name: { 'zh-CN': '营商环境', en: 'Business services' } },
  ],
  // Tried in order on every new conversation (and on each new message until someone is assigned):
  // the first rule that matches sets the queue, priority, labels and skills. Try them with
  // `npm run routing:explain -- "<text>" --channel web`.
  routing: {
    capacity: { chat: 3, call: 1, email: 5 },
    rules: [
      {
        name: 'life safety',
        when: { pattern: '(燃气|煤气|天然气).{0,6}(泄漏|漏气|味)|gas leak|火灾|fire' },
        set: { priority: 'urgent', labels: ['life-safety'] },
        continue: true,
      },
      { name: 'English speakers', when: { languages: ['en'] }, set: { skills: ['english'] }, continue: true },
      { name: 'housing', when: { keywords: ['租房', '房东', '物业', '押金', '漏水', 'landlord', 'rent'] }, set: { queue: 'housing' } },
      { name: 'transport', when: { keywords: ['公交', '地铁', '出租车', '停车', 'bus', 'subway', 'taxi'] }, set: { queue: 'transport' } },
      { name: 'transport menu', when: { intents: ['transport'] }, set: { queue: 'transport' } },
      { name: 'business', when: { keywords: ['营业执照', '企业', '发票', 'business licence'] }, set: { queue: 'business', labels: ['enterprise'] } },
    ],
  },
  channels: [
    {
      id: 'web',
      type: 'webchat',
      name: 'Website chat',
      queue: 'general',
      title: { 'zh-CN': '在线咨询', en: 'Chat with us' },
      greeting: {
        'zh-CN': '您好！这里是 12345 政务服务便民热线在线服务，请描述您要咨询、求助或投诉的事项。',
        en: 'Hello! This is the 12345 citizen service hotline. Tell us what you need help with.',
      },
      allowedOrigins: ['*'],
      visitorTokenSecret: process.env.WEBCHAT_VISITOR_SECRET,
    },
    // The city's WeChat Official Account, when its credentials are in the environment
    // (the console's server URL: https://<PUBLIC_URL>/webhooks/wechat/wechat).
    ...(process.env.WECHAT_APP_ID && process.env.WECHAT_TOKEN && process.env.WECHAT_APP_SECRET
      ? [
          {
            id: 'wechat',
            type: 'wechat' as const,
            name: 'City WeChat Official Account',
            queue: 'general',
            appId: process.env.WECHAT_APP_ID,
            token: process.env.WECHAT_TOKEN,
            mode: process.env.WECHAT_ENCODING_AES_KEY ? ('safe' as const) : ('plaintext' as const),
            ...(process.env.WECHAT_ENCODING_AES_KEY ? { encodingAESKey: process.env.WECHAT_ENCODING_AES_KEY } : {}),
            appSecretEnv: 'WECHAT_APP_SECRET',
            welcomeReply: { 'zh-CN': '感谢关注！如需人工服务，请直接留言，或点击菜单“人工服务”。', en: 'Thanks for following! Write to us any time.' },
            menuIntents: { MENU_AGENT: 'talk_to_agent', MENU_CASE: 'check_work_order' },
          },
        ]
      : []),
    // The hotline mailbox, when an address and a relay are in the environment: mail MX-routed or
    // forwarded to it reaches the listener on SMTP_PORT; an existing mailbox can be polled over IMAP.
    ...(process.env.EMAIL_ADDRESS && process.env.EMAIL_RELAY_HOST
      ? [
          {
            id: 'email',
            type: 'email' as const,
            name: 'Hotline mailbox',
            queue: 'general',
            addresses: [process.env.EMAIL_ADDRESS],
            displayName: '12345 热线',
            inbound: {
              smtp: {},
              ...(process.env.EMAIL_IMAP_HOST && process.env.EMAIL_IMAP_USER
                ? { imap: { host: process.env.EMAIL_IMAP_HOST, user: process.env.EMAIL_IMAP_USER, passwordEnv: 'EMAIL_IMAP_PASSWORD' } }
                : {}),
            },
            outbound: {
              host: process.env.EMAIL_RELAY_HOST,
              port: Number(process.env.EMAIL_RELAY_PORT ?? 587),
              ...(process.env.EMAIL_RELAY_USER ? { user: process.env.EMAIL_RELAY_USER, passwordEnv: 'EMAIL_RELAY_PASSWORD' } : {}),
            },
          },
        ]
      : []),
  ],
})
