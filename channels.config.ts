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
  // Work orders (工单): who handles what, and the time limits. The defaults are the Tianjin sign
  // limits (15 min / 30 min / 1 working day) and the Beijing reply limits (2 h / 24 h / 7 / 15 days);
  // set limits and calendar (holidays, 调休) for your jurisdiction. A department's OA system calls
  // /api/work-orders with the key in the env var its apiKeyEnv names.
  workOrders: {
    departments: [
      { id: 'housing-bureau', name: { 'zh-CN': '市住房和城乡建设局', en: 'Housing and Urban Development Bureau' }, apiKeyEnv: 'HOUSING_BUREAU_API_KEY' },
      { id: 'transport-bureau', name: { 'zh-CN': '市交通运输局', en: 'Transport Bureau' }, apiKeyEnv: 'TRANSPORT_BUREAU_API_KEY' },
      { id: 'market-regulation', name: { 'zh-CN': '市市场监督管理局', en: 'Market Regulation Administration' } },
      { id: 'gas-company', name: { 'zh-CN': '市燃气集团', en: 'City Gas Company' } },
      { id: 'district-office', name: { 'zh-CN': '区政府办公室', en: 'District Government Office' } },
    ],
    districts: [
      { code: '110101', name: { 'zh-CN': '东城区', en: 'Dongcheng' } },
      { code: '110102', name: { 'zh-CN': '西城区', en: 'Xicheng' } },
      { code: '110105', name: { 'zh-CN': '朝阳区', en: 'Chaoyang' } },
    ],
    categories: [
      {
        code: '0301',
        name: { 'zh-CN': '房屋租赁纠纷', en: 'Rental disputes' },
        type: 'complaint',
        keywords: ['房东', '租房', '押金', 'landlord', 'deposit'],
        fields: [{ key: 'contractNumber', label: { 'zh-CN': '租赁合同编号', en: 'Lease number' } }],
      },
      { code: '0302', name: { 'zh-CN': '物业服务', en: 'Property management' }, type: 'complaint', keywords: ['物业', '漏水'] },
      {
        code: '0401',
        name: { 'zh-CN': '公交运营', en: 'Bus services' },
        type: 'complaint',
        keywords: ['公交', 'bus'],
        fields: [{ key: 'routeNumber', label: { 'zh-CN': '线路', en: 'Route' }, required: true }],
      },
      { code: '0501', name: { 'zh-CN': '燃气安全', en: 'Gas safety' }, type: 'help', urgency: 'life_safety', keywords: ['燃气', '煤气', 'gas'] },
      { code: '0601', name: { 'zh-CN': '市场监管', en: 'Consumer protection' }, type: 'report', keywords: ['假货', '价格', 'refund'] },
      { code: '9901', name: { 'zh-CN': '政策咨询', en: 'Policy questions' }, type: 'consultation' },
    ],
    catalogue: [
      { category: '03*', lead: 'housing-bureau' },
      { category: '0302', districts: ['110105'], lead: 'district-office', coHandlers: ['housing-bureau'] },
      { category: '0401', lead: 'transport-bureau' },
      { category: '0501', lead: 'gas-company', auto: true },
      { category: '0601', lead: 'market-regulation' },
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
