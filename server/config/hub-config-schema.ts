/**
 * The schema of channels.config.ts, assembled from each connector's own config
 * schema so that adding a connector needs no change here.
 */
import { z } from 'zod'
import { connectorRegistry } from '../../connectors/index.js'
import { businessCalendarSchema } from '../calendar/index.js'
import { open311Schema } from '../open311/open311-config.js'
import { queueRoutingShape, routingSchema } from '../routing/routing-config.js'
import { webhooksSchema } from '../webhooks/webhook-config.js'
import { workOrdersSchema } from '../work-orders/work-order-config.js'

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).catchall(z.string().min(1))
const idPattern = /^[a-z0-9][a-z0-9-]{0,31}$/

const channelBase = z.object({
  id: z.string().regex(idPattern, 'channel ids are 1–32 lowercase letters, digits or dashes (they appear in webhook URLs)'),
  name: z.string().min(1),
  /** Queue new conversations on this channel land in. */
  queue: z.string().min(1).default('general'),
  enabled: z.boolean().default(true),
  /** A citizen writing again within this many hours reopens the resolved conversation instead of starting a new one. */
  reopenWindowHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
})

type Registry = typeof connectorRegistry
type ChannelSchema<K extends keyof Registry> = ReturnType<typeof channelBase.extend<Registry[K]['configSchema']['shape']>>

/** One object schema per connector type: the shared fields plus the connector's own. */
const channelSchemas = Object.values(connectorRegistry).map((definition) =>
  channelBase.extend(definition.configSchema.shape).superRefine(
    (channel, context) => {
      // `.shape` carries the fields but not the connector's cross-field rules: run its whole schema too.
      // `when`: only once every field is valid, so it adds nothing but those rules' problems.
      const result = (definition.configSchema as z.ZodType).safeParse(channel)
      if (result.success) return
      for (const issue of result.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    },
    { when: (payload) => payload.issues.length === 0 },
  ),
)
// The cast restores the per-type union that Object.values loses; the runtime schema is exactly this union.
export const channelConfigSchema = z.discriminatedUnion('type', channelSchemas as unknown as [ChannelSchema<keyof Registry>]) as unknown as z.ZodType<
  { [K in keyof Registry]: z.output<ChannelSchema<K>> }[keyof Registry],
  { [K in keyof Registry]: z.input<ChannelSchema<K>> }[keyof Registry]
>

export const hubConfigSchema = z
  .object({
    hub: z
      .object({
        name: localized.default({ 'zh-CN': '政务服务便民热线', en: 'Citizen Service Hotline' }),
        /** IANA zone for deadlines and reports (12345 time limits count local working days). */
        timezone: z.string().default('Asia/Shanghai'),
        /** When the hotline is staffed (weekly hours, holidays, 调休): SLA clocks in business time count only these. */
        businessHours: businessCalendarSchema.optional(),
      })
      .default({ name: { 'zh-CN': '政务服务便民热线', en: 'Citizen Service Hotline' }, timezone: 'Asia/Shanghai' }),
    queues: z.array(z.object({ id: z.string().regex(idPattern), name: localized, ...queueRoutingShape })).min(1),
    channels: z.array(channelConfigSchema).min(1),
    routing: routingSchema,
    workOrders: workOrdersSchema,
    webhooks: webhooksSchema,
    open311: open311Schema,
  })
  .superRefine(
    (config, context) => {
      // Runs even when other fields failed (see `when`), so every problem is listed at once:
      // the values here may be partly invalid, hence the defensive reads.
      const raw = config as unknown as { queues?: unknown; channels: unknown[]; routing?: { rules?: unknown } }
      const idOf = (value: unknown, key: 'id' | 'queue') =>
        typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'string'
          ? ((value as Record<string, string>)[key] ?? null)
          : null
      const queueIds = new Set(Array.isArray(raw.queues) ? raw.queues.map((queue) => idOf(queue, 'id')) : [])
      const seen = new Set<string>()
      raw.channels.forEach((channel, index) => {
        const id = idOf(channel, 'id')
        if (id !== null && seen.has(id)) context.addIssue({ code: 'custom', path: ['channels', index, 'id'], message: `duplicate channel id "${id}"` })
        if (id !== null) seen.add(id)
        const queue = idOf(channel, 'queue')
        if (queue !== null && Array.isArray(raw.queues) && !queueIds.has(queue)) {
          context.addIssue({ code: 'custom', path: ['channels', index, 'queue'], message: `unknown queue "${queue}" (declare it under queues)` })
        }
      })
      const rules = Array.isArray(raw.routing?.rules) ? (raw.routing.rules as unknown[]) : []
      rules.forEach((rule, index) => {
        const set = typeof rule === 'object' && rule !== null ? (rule as { set?: unknown }).set : undefined
        const queue = idOf(set, 'queue')
        if (queue !== null && Array.isArray(raw.queues) && !queueIds.has(queue)) {
          context.addIssue({
            code: 'custom',
            path: ['routing', 'rules', index, 'set', 'queue'],
            message: `unknown queue "${queue}" (declare it under queues)`,
          })
        }
      })
    },
    { when: (payload) => Array.isArray((payload.value as { channels?: unknown } | undefined)?.channels) },
  )

export type HubConfig = z.output<typeof hubConfigSchema>
export type HubConfigInput = z.input<typeof hubConfigSchema>
export type ChannelConfig = HubConfig['channels'][number]
