import { describe, expect, it } from 'vitest'
import { type RoutingRule, routingRuleSchema } from '../../server/routing/routing-config.js'
import { explainRouting, pageMatches, type RoutingFacts, routeConversation } from '../../server/routing/routing-rules.js'

const rules: RoutingRule[] = [
  { name: 'emergencies', when: { pattern: '(燃气|煤气).{0,6}(泄漏|漏气)|gas leak' }, set: { queue: 'general', priority: 'urgent', labels: ['life-safety'] } },
  { name: 'english speakers', when: { languages: ['en'] }, set: { skills: ['english'] } },
  { name: 'night shift', when: { time: { from: '22:00', to: '06:00' } }, set: { queue: 'night' } },
  { name: 'housing page', when: { pages: ['/housing'], channelTypes: ['webchat'] }, set: { queue: 'housing' } },
  { name: 'housing words', when: { keywords: ['租房', '物业', 'landlord'] }, set: { queue: 'housing' } },
  { name: 'transport menu', when: { intents: ['transport'], channels: ['wechat'] }, set: { queue: 'transport' } },
  { name: 'business owners', when: { tags: ['enterprise'], time: { days: ['mon', 'tue', 'wed', 'thu', 'fri'] } }, set: { queue: 'business' } },
  { name: 'everything else', when: {}, set: { queue: 'general' } },
].map((rule) => routingRuleSchema.parse(rule))

// Monday 2026-11-23 10:00 and 23:30 in Shanghai.
const MONDAY_MORNING = new Date('2026-11-23T02:00:00Z')
const MONDAY_NIGHT = new Date('2026-11-23T15:30:00Z')
const SATURDAY_MORNING = new Date('2026-11-28T02:00:00Z')
const base: RoutingFacts = { channelId: 'web', channelType: 'webchat', text: '', tags: [], at: MONDAY_MORNING }

describe('routeConversation', () => {
  it.each<[string, Partial<RoutingFacts>, string, Record<string, unknown>]>([
    [
      'a gas leak in Chinese, whatever else holds',
      { text: '我家煤气好像漏气了', page: '/housing' },
      'emergencies',
      { queue: 'general', priority: 'urgent', labels: ['life-safety'] },
    ],
    ['a gas leak in English, case-insensitive', { text: 'There is a GAS LEAK on 5th street' }, 'emergencies', { priority: 'urgent' }],
    ['an English speaker needs the skill', { language: 'en-US', text: 'hello' }, 'english speakers', { skills: ['english'] }],
    ['late at night (window past midnight)', { at: MONDAY_NIGHT, text: '路灯坏了' }, 'night shift', { queue: 'night' }],
    ['the housing page of the widget', { page: '/housing/rent', text: '你好' }, 'housing page', { queue: 'housing' }],
    ['a page prefix is not a word prefix', { page: '/housingfund', text: '你好' }, 'everything else', { queue: 'general' }],
    [
      'housing words on any channel',
      { channelId: 'sms', channelType: 'sms', text: '我的房东不退押金，landlord 不接电话' },
      'housing words',
      { queue: 'housing' },
    ],
    ['the WeChat menu intent', { channelId: 'wechat', channelType: 'wechat', intent: 'transport' }, 'transport menu', { queue: 'transport' }],
    ['the same intent from another channel', { channelId: 'web', intent: 'transport' }, 'everything else', {}],
    ['a tagged enterprise on a weekday', { tags: ['vip', 'enterprise'] }, 'business owners', { queue: 'business' }],
    ['a tagged enterprise on Saturday', { tags: ['enterprise'], at: SATURDAY_MORNING }, 'everything else', {}],
  ])('%s', (_name, facts, rule, decision) => {
    const result = routeConversation(rules, { ...base, ...facts }, 'Asia/Shanghai')
    expect(result?.rule).toBe(rule)
    expect(result).toMatchObject(decision)
  })

  it('decides nothing when no rule matches', () => {
    expect(routeConversation(rules.slice(0, 2), { ...base, text: 'hello' }, 'Asia/Shanghai')).toBeNull()
    expect(routeConversation([], base, 'Asia/Shanghai')).toBeNull()
  })
})

describe('rules that continue', () => {
  const layered: RoutingRule[] = [
    { name: 'gas', when: { keywords: ['煤气'] }, set: { priority: 'urgent', labels: ['life-safety'] }, continue: true },
    { name: 'english', when: { languages: ['en'] }, set: { skills: ['english'], priority: 'high' }, continue: true },
    { name: 'housing', when: { keywords: ['房东'] }, set: { queue: 'housing', labels: ['housing'] } },
    { name: 'never reached', when: {}, set: { queue: 'general' } },
  ].map((rule) => routingRuleSchema.parse(rule))

  it('adds up labels and skills, keeps the highest priority and the first queue, and stops at a rule that does not continue', () => {
    const decision = routeConversation(layered, { ...base, text: '煤气漏了，房东不管', language: 'en' }, 'Asia/Shanghai')
    expect(decision).toEqual({
      rules: ['gas', 'english', 'housing'],
      rule: 'housing',
      queue: 'housing',
      priority: 'urgent',
      labels: ['life-safety', 'housing'],
      skills: ['english'],
    })
  })

  it('keeps what continuing rules decided when nothing after them matches', () => {
    expect(routeConversation(layered.slice(0, 2), { ...base, text: '煤气' }, 'Asia/Shanghai')).toMatchObject({ rules: ['gas'], priority: 'urgent' })
  })
})

describe('explainRouting', () => {
  it('says why each rule before the match failed, and why the match matched', () => {
    const explanation = explainRouting(rules, { ...base, channelId: 'sms', channelType: 'sms', text: '物业乱收费' }, 'Asia/Shanghai')
    expect(explanation.decision?.rule).toBe('housing words')
    expect(explanation.verdicts.map((verdict) => [verdict.rule, verdict.matched])).toEqual([
      ['emergencies', false],
      ['english speakers', false],
      ['night shift', false],
      ['housing page', false],
      ['housing words', true],
    ])
    expect(explanation.verdicts[1]?.reasons).toEqual(['✗ no language known'])
    expect(explanation.verdicts[2]?.reasons[0]).toBe('✗ local time (Asia/Shanghai): 10:00 is not between 22:00 and 06:00')
    expect(explanation.verdicts[3]?.reasons).toEqual(['✗ channel type sms is none of "webchat"', '✗ no page known'])
    expect(explanation.verdicts[4]?.reasons).toEqual(['✓ text contains "物业"'])
  })
})

describe('pageMatches', () => {
  it.each([
    ['/housing', '/housing', true],
    ['/housing', '/housing/rent', true],
    ['/housing/', '/housing/rent', true],
    ['/housing', '/housingfund', false],
    ['/*/complaints', '/transport/complaints', true],
    ['/*/complaints', '/transport/complaints/new', false],
    ['*complaints*', '/a/complaints/b', true],
    ['/a.b', '/axb', false],
  ])('%s vs %s → %s', (pattern, page, expected) => {
    expect(pageMatches(pattern, page)).toBe(expected)
  })
})

describe('routingRuleSchema', () => {
  it('lists every problem of a rule at once', () => {
    const result = routingRuleSchema.safeParse({ name: '', when: { pattern: '(unclosed', time: { from: '25:00' } }, set: {} })
    expect(result.success).toBe(false)
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? []
    expect(paths).toEqual(expect.arrayContaining(['name', 'when.pattern', 'when.time.from', 'set']))
  })
})
