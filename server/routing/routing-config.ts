/**
 * The routing part of channels.config.ts: how each queue hands out its conversations, how much
 * an agent can carry at once, and the rules that pick a new conversation's queue, priority,
 * labels and required skills. Queue and agent settings declared here are defaults that admins
 * can change in the inbox (stored in the database, applied over these).
 */
import { z } from 'zod'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** What an agent works at once, by kind of conversation (TaskRouter's per-channel capacity). */
export const CAPACITY_KINDS = ['chat', 'call', 'email'] as const
export type CapacityKind = (typeof CAPACITY_KINDS)[number]

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM (24 h)')
const priority = z.enum(['low', 'normal', 'high', 'urgent'])
const skill = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'skills are short lowercase names, e.g. english or sign-language')

const minutes = z
  .number()
  .positive()
  .max(60 * 24 * 365)
const minutesByPriority = z.object({ urgent: minutes.optional(), high: minutes.optional(), normal: minutes.optional(), low: minutes.optional() }).prefault({})

export const capacitySchema = z.object({
  chat: z.number().int().min(0).max(50).default(3),
  call: z.number().int().min(0).max(5).default(1),
  email: z.number().int().min(0).max(100).default(5),
})
export type Capacity = z.output<typeof capacitySchema>

export const assignmentModeSchema = z.enum(['manual', 'round_robin', 'least_busy'])
export type AssignmentMode = z.output<typeof assignmentModeSchema>

/** The routing fields of a queue entry (the hub adds `id` and `name`). */
export const queueRoutingShape = {
  /** manual: agents pick from the queue; round_robin: in turn; least_busy: the agent with the fewest conversations of that kind. */
  assignment: assignmentModeSchema.default('least_busy'),
  /** Give the conversation to someone else when its assignee has not answered within this many minutes (0: never). */
  reassignAfterMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  /** Skills every agent taking this queue's conversations needs (rules can require more per conversation). */
  skills: z.array(skill).default([]),
  /** Agents (by sign-in email) who work this queue; admins can change membership in the inbox. */
  members: z.array(z.string().email()).default([]),
  /** Service-level targets of this queue's conversations (none: no SLA clock). */
  sla: z
    .object({
      /** Minutes until the first agent answer, per priority (a priority left out has no target). */
      firstResponseMinutes: minutesByPriority,
      /** Minutes until resolved, per priority. */
      resolutionMinutes: minutesByPriority,
      /** business: minutes count only within the hub's business hours (hub.businessHours); calendar: around the clock. */
      clock: z.enum(['business', 'calendar']).default('business'),
      /** A target is at risk once this share of its time has gone. */
      atRiskPercent: z.number().min(1).max(99).default(80),
    })
    .optional(),
}

const patternSchema = z.string().superRefine((value, context) => {
  try {
    new RegExp(value, 'iu')
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` })
  }
})

export const routingRuleSchema = z.object({
  /** Shown by routing:explain and recorded on the conversation. */
  name: z.string().min(1),
  /** Every condition given must hold; a rule without conditions matches everything (a catch-all). */
  when: z
    .object({
      /** Channel ids from this file. */
      channels: z.array(z.string().min(1)).min(1).optional(),
      /** Channel types (webchat, wechat, sms, voice, email…). */
      channelTypes: z.array(z.string().min(1)).min(1).optional(),
      /** Any of these words in the citizen's text (case-insensitive). */
      keywords: z.array(z.string().min(1)).min(1).optional(),
      /** A regular expression the citizen's text matches (case-insensitive, Unicode). */
      pattern: patternSchema.optional(),
      /** WeChat menu intents, IVR choices and similar (`intent` metadata). */
      intents: z.array(z.string().min(1)).min(1).optional(),
      /** Widget host-page paths: a prefix, or a pattern with `*` (e.g. `/housing/*`). */
      pages: z.array(z.string().min(1)).min(1).optional(),
      /** The contact has any of these tags. */
      tags: z.array(z.string().min(1)).min(1).optional(),
      /** The citizen's language: `en` matches `en-US`. */
      languages: z.array(z.string().min(2)).min(1).optional(),
      /** Local time in the hub's time zone: on these days and/or between `from` and `to` (`to` may be past midnight). */
      time: z
        .object({ days: z.array(z.enum(WEEKDAYS)).min(1).optional(), from: clock.optional(), to: clock.optional() })
        .refine((time) => (time.from === undefined) === (time.to === undefined), 'give both from and to, or neither')
        .optional(),
    })
    .default({}),
  set: z
    .object({
      queue: z.string().min(1).optional(),
      priority: priority.optional(),
      labels: z.array(z.string().min(1)).optional(),
      skills: z.array(skill).optional(),
    })
    .refine((set) => Object.keys(set).length > 0, 'say what the rule does: queue, priority, labels or skills'),
  /**
   * Keep trying the rules after this one matched (e.g. mark a gas leak urgent, and still let the
   * topic rules below pick the queue). Labels and skills add up, the highest priority wins, and
   * the first queue set stays.
   */
  continue: z.boolean().default(false),
})
export type RoutingRule = z.output<typeof routingRuleSchema>

export const routingSchema = z
  .object({
    /** Default capacity of every agent; admins can set an agent's own. */
    capacity: capacitySchema.prefault({}),
    /** Tried in order; the first that matches decides. */
    rules: z.array(routingRuleSchema).default([]),
  })
  .prefault({})
export type RoutingConfig = z.output<typeof routingSchema>

/** The kind of capacity a conversation on a channel type uses. */
export function capacityKindOf(channelType: string): CapacityKind {
  if (channelType === 'voice') return 'call'
  if (channelType === 'email') return 'email'
  return 'chat'
}
