/**
 * `npm run routing:explain -- "<citizen's text>" --channel web [--intent x] [--page /path]
 * [--tag t]… [--language en] [--at 2026-11-23T22:30:00+08:00] [--config file]`
 *
 * Runs the routing rules of channels.config.ts over the facts given and prints, rule by rule,
 * why each did or did not match, and what the first match decides. No database, no Redis.
 */
import { parseArgs } from 'node:util'
import { loadHubConfig } from '../config/load-hub-config.js'
import { explainRouting, type RoutingExplanation, type RoutingFacts } from './routing-rules.js'

export function formatExplanation(explanation: RoutingExplanation, facts: RoutingFacts, fallbackQueue: string): string {
  const lines = [`Facts: channel ${facts.channelId} (${facts.channelType}), text "${facts.text}"${describeExtras(facts)}`, '']
  explanation.verdicts.forEach((verdict, index) => {
    lines.push(`${index + 1}. ${verdict.rule}: ${verdict.matched ? 'MATCHED' : 'no match'}`)
    for (const reason of verdict.reasons) lines.push(`     ${reason}`)
  })
  if (explanation.verdicts.length === 0) lines.push('(no routing rules configured)')
  lines.push('')
  const decision = explanation.decision
  if (!decision) lines.push(`Result: no rule matched; the conversation stays in the channel's queue (${fallbackQueue}).`)
  else {
    const parts = [
      `queue ${decision.queue ?? `${fallbackQueue} (the channel's)`}`,
      ...(decision.priority ? [`priority ${decision.priority}`] : []),
      ...(decision.labels.length > 0 ? [`labels ${decision.labels.join(', ')}`] : []),
      ...(decision.skills.length > 0 ? [`needs skills ${decision.skills.join(', ')}`] : []),
    ]
    const by = decision.rules.length > 1 ? `rules ${decision.rules.map((name) => `"${name}"`).join(' + ')}` : `rule "${decision.rule}"`
    lines.push(`Result: ${by} → ${parts.join('; ')}.`)
  }
  return lines.join('\n')
}

function describeExtras(facts: RoutingFacts): string {
  const extras = [
    facts.intent ? `intent ${facts.intent}` : '',
    facts.page ? `page ${facts.page}` : '',
    facts.tags.length > 0 ? `tags ${facts.tags.join(', ')}` : '',
    facts.language ? `language ${facts.language}` : '',
    `at ${facts.at.toISOString()}`,
  ].filter(Boolean)
  return `, ${extras.join(', ')}`
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      channel: { type: 'string' },
      intent: { type: 'string' },
      page: { type: 'string' },
      tag: { type: 'string', multiple: true },
      language: { type: 'string' },
      at: { type: 'string' },
      config: { type: 'string' },
    },
  })
  const config = await loadHubConfig(values.config ?? (process.env.SWITCHBOARD_CONFIG || undefined))
  const channel = config.channels.find((candidate) => candidate.id === (values.channel ?? config.channels[0]?.id))
  if (!channel) {
    throw new Error(`No channel "${values.channel}" in the config. Channels: ${config.channels.map((candidate) => candidate.id).join(', ')}`)
  }
  const at = values.at ? new Date(values.at) : new Date()
  if (Number.isNaN(at.getTime())) throw new Error(`--at is not a date: ${values.at}`)
  const facts: RoutingFacts = {
    channelId: channel.id,
    channelType: channel.type,
    text: positionals.join(' '),
    intent: values.intent,
    page: values.page,
    tags: values.tag ?? [],
    language: values.language,
    at,
  }
  console.log(formatExplanation(explainRouting(config.routing.rules, facts, config.hub.timezone), facts, channel.queue))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  })
}
