/**
 * The jurisdiction's work-order rules, in channels.config.ts under `workOrders`: departments,
 * districts, categories with their custom fields, the responsibility catalogue (派单目录), the
 * time limits per urgency and the follow-up. Every number is a local rule, so every number is
 * config; the defaults are the Tianjin sign limits and the Beijing reply limits
 * (shared/reference/hotline-domain.md, "Time limits found").
 */
import { z } from 'zod'
import { businessCalendarSchema } from '../calendar/index.js'

const idPattern = /^[a-z0-9][a-z0-9_-]{0,31}$/
const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).catchall(z.string().min(1))

export const REQUEST_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const
export type RequestType = (typeof REQUEST_TYPES)[number]

export const URGENCIES = ['life_safety', 'utilities', 'general', 'complex'] as const
export type Urgency = (typeof URGENCIES)[number]

/**
 * A time limit: clock minutes/hours/days (life-safety limits run around the clock), or working
 * days / working hours on the work-order calendar (N个工作日, counted as the law counts periods).
 */
export const durationSchema = z.union([
  z.strictObject({ minutes: z.number().int().positive().max(100_000) }),
  z.strictObject({ hours: z.number().positive().max(10_000) }),
  z.strictObject({ days: z.number().int().positive().max(365) }),
  z.strictObject({ workingDays: z.number().int().min(0).max(365) }),
  z.strictObject({ workingHours: z.number().positive().max(10_000) }),
])
export type Duration = z.output<typeof durationSchema>

const stageLimits = z.strictObject({
  /** From dispatch to the department's signature (签收). */
  sign: durationSchema,
  /** From dispatch until a department may still return the case (退单). */
  return: durationSchema,
  /** From registration to the department's reply (答复/办结 deadline). */
  resolve: durationSchema,
})
export type StageLimits = z.output<typeof stageLimits>

export const DEFAULT_LIMITS: Record<Urgency, StageLimits> = {
  life_safety: { sign: { minutes: 15 }, return: { minutes: 15 }, resolve: { hours: 2 } },
  utilities: { sign: { minutes: 30 }, return: { minutes: 30 }, resolve: { hours: 24 } },
  general: { sign: { workingDays: 1 }, return: { workingDays: 1 }, resolve: { days: 7 } },
  complex: { sign: { workingDays: 1 }, return: { workingDays: 2 }, resolve: { days: 15 } },
}

const fieldSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/, 'field keys are identifiers, e.g. plateNumber'),
  label: localized,
  type: z.enum(['text', 'number', 'date', 'select', 'boolean']).default('text'),
  options: z.array(z.string().min(1)).optional(),
  required: z.boolean().default(false),
})
export type CustomField = z.output<typeof fieldSchema>

const categorySchema = z.strictObject({
  /** Classification code (GB/T 39666 or the local table); also the Open311 service_code. */
  code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'category codes are 1–32 letters, digits, dots, dashes'),
  name: localized,
  description: localized.optional(),
  /** Suggested on a new case of this category. */
  type: z.enum(REQUEST_TYPES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  /** The template's own fields, beyond the common ones. */
  fields: z.array(fieldSchema).default([]),
  /** Offered to civic apps through Open311. */
  public: z.boolean().default(true),
  keywords: z.array(z.string().min(1)).default([]),
})
export type Category = z.output<typeof categorySchema>

const catalogueEntry = z.strictObject({
  /** A category code, or a prefix ending in * (e.g. "0301*"). */
  category: z.string().min(1),
  /** Districts this line applies to; left out: all. */
  districts: z.array(z.string()).optional(),
  lead: z.string().min(1),
  coHandlers: z.array(z.string()).default([]),
  /** Dispatch at once on registration instead of suggesting. */
  auto: z.boolean().default(false),
})
export type CatalogueEntry = z.output<typeof catalogueEntry>

export const workOrdersSchema = z
  .strictObject({
    departments: z
      .array(
        z.strictObject({
          id: z.string().regex(idPattern),
          name: localized,
          /** Env var holding the department's integration API key (its OA system calls /api/work-orders with it). */
          apiKeyEnv: z
            .string()
            .regex(/^[A-Z][A-Z0-9_]*$/, 'env var names are UPPER_SNAKE_CASE')
            .optional(),
        }),
      )
      .default([]),
    districts: z.array(z.strictObject({ code: z.string().min(1).max(16), name: localized })).default([]),
    categories: z.array(categorySchema).default([]),
    catalogue: z.array(catalogueEntry).default([]),
    limits: z
      .strictObject(Object.fromEntries(URGENCIES.map((urgency) => [urgency, stageLimits.optional()])) as Record<Urgency, z.ZodOptional<typeof stageLimits>>)
      .prefault({}),
    /** Working days and holidays for working-day limits; default: hub.businessHours, else Mon–Fri office hours in the hub's zone. */
    calendar: businessCalendarSchema.optional(),
    /** Share of a limit left when a deadline turns at risk. */
    atRiskShare: z.number().min(0).max(0.9).default(0.2),
    /** After this many returns the hotline designates (指定) the department, which may not return again. */
    designateAfterReturns: z.number().int().min(1).max(10).default(3),
    followUp: z
      .strictObject({
        /** Hours after 办结 before the citizen is asked for a rating (回访, "the day after"). */
        afterHours: z
          .number()
          .min(0)
          .max(24 * 30)
          .default(24),
        /** Ask on the citizen's channel automatically. */
        automatic: z.boolean().default(true),
      })
      .prefault({}),
    /** Case number prefix before the year, e.g. "BJ" → BJ2026-000123. */
    numberPrefix: z
      .string()
      .regex(/^[A-Z]{0,6}$/)
      .default(''),
  })
  .prefault({})
  .superRefine((config, context) => {
    const departments = new Set(config.departments.map((department) => department.id))
    const seen = new Set<string>()
    config.departments.forEach((department, index) => {
      if (seen.has(department.id)) context.addIssue({ code: 'custom', path: ['departments', index, 'id'], message: `duplicate department "${department.id}"` })
      seen.add(department.id)
    })
    const codes = new Set<string>()
    config.categories.forEach((category, index) => {
      if (codes.has(category.code)) context.addIssue({ code: 'custom', path: ['categories', index, 'code'], message: `duplicate category "${category.code}"` })
      codes.add(category.code)
    })
    const districts = new Set(config.districts.map((district) => district.code))
    config.catalogue.forEach((entry, index) => {
      for (const [key, id] of [['lead', entry.lead], ...entry.coHandlers.map((co) => ['coHandlers', co] as const)] as const) {
        if (!departments.has(id))
          context.addIssue({ code: 'custom', path: ['catalogue', index, key], message: `unknown department "${id}" (declare it under workOrders.departments)` })
      }
      const prefix = entry.category.endsWith('*') ? entry.category.slice(0, -1) : null
      if (prefix === null ? !codes.has(entry.category) : ![...codes].some((code) => code.startsWith(prefix))) {
        context.addIssue({ code: 'custom', path: ['catalogue', index, 'category'], message: `no category matches "${entry.category}"` })
      }
      for (const district of entry.districts ?? []) {
        if (!districts.has(district)) context.addIssue({ code: 'custom', path: ['catalogue', index, 'districts'], message: `unknown district "${district}"` })
      }
    })
  })

export type WorkOrdersConfig = z.output<typeof workOrdersSchema>

export function limitsFor(config: WorkOrdersConfig, urgency: Urgency): StageLimits {
  return config.limits[urgency] ?? DEFAULT_LIMITS[urgency]
}
