/**
 * A work order (工单): a citizen's request that a department must sign for, handle within a
 * deadline and reply to, verified with the citizen before it is archived. Every change goes
 * through the lifecycle (server/work-orders/lifecycle.ts) and is one guarded update on
 * `version`, so two people acting at once cannot both win.
 */
import mongoose, { Schema } from 'mongoose'
import type { WorkOrderStatus } from '../work-orders/lifecycle-states.js'
import type { RequestType, Urgency } from '../work-orders/work-order-config.js'

export type DeadlineState = 'running' | 'at_risk' | 'overdue' | 'met' | 'missed'
export interface Deadline {
  dueAt: Date
  atRiskAt: Date
  state: DeadlineState
  /** When it was met or missed. */
  closedAt?: Date | null
}
export type DeadlineName = 'sign' | 'return' | 'resolve'

export interface Actor {
  type: 'user' | 'citizen' | 'system' | 'api'
  id: string
  name: string
  /** The department a department user acted for. */
  department?: string
}

export interface HistoryEntry {
  _id: string
  action: string
  from: WorkOrderStatus
  to: WorkOrderStatus
  actor: Actor
  at: Date
  comment?: string
  details?: Record<string, unknown>
}

export interface WorkOrderAttachment {
  url: string
  mimeType: string
  name?: string
  size?: number
}

export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied'

export interface WorkOrderDoc {
  _id: string
  /** Readable case number (2026-000123), unique; what the citizen quotes. */
  number: string
  status: WorkOrderStatus
  version: number
  type: RequestType
  category: string
  urgency: Urgency
  title: string
  description: string
  address?: string
  district?: string
  location?: { latitude: number; longitude: number } | null
  /** The citizen asked not to be named to the department (匿名). */
  anonymous: boolean
  /** Personal data visible only to hotline staff; every view of it is audited (保密件). */
  confidential: boolean
  fields: Record<string, unknown>
  attachments: WorkOrderAttachment[]
  citizen: {
    contactId?: string | null
    name?: string
    phone?: string
    email?: string
    /** Channel and identity the case was filed from: where notifications go, and a lookup check. */
    channel?: string | null
    externalId?: string | null
  }
  conversationId?: string | null
  /** web, wechat, sms, voice, email, open311, api… */
  source: string
  leadDepartment?: string | null
  coDepartments: string[]
  /** The catalogue's suggestion and, when an agent chose otherwise, why. */
  dispatchOverride?: { suggested: string | null; reason: string } | null
  dispatchCount: number
  returnCount: number
  /** Designated (指定) departments must handle it: no more returns. */
  designated: boolean
  extension?: { state: 'pending' | 'approved' | 'rejected'; requestedDueAt: Date; reason: string; requestedBy: Actor; decidedBy?: Actor } | null
  supervision: { kind: 'supervise' | 'urge'; at: Date; by: Actor; comment: string }[]
  replies: { _id: string; at: Date; by: Actor; text: string; attachments: WorkOrderAttachment[] }[]
  /** Co-handling departments' parts (协办意见), for the lead department's reply. */
  contributions?: { _id: string; at: Date; by: Actor; text: string }[]
  deadlines: Partial<Record<DeadlineName, Deadline>>
  followUp?: { askedAt?: Date | null; answeredAt?: Date | null; rating?: Rating | null; reason?: string | null; by?: Actor | null } | null
  redoCount: number
  masterId?: string | null
  mergedIds: string[]
  /** How the citizen was told the case is not accepted, or answered directly. */
  closingNote?: string | null
  signedAt?: Date | null
  repliedAt?: Date | null
  resolvedAt?: Date | null
  archivedAt?: Date | null
  history: HistoryEntry[]
  /** History entries whose follow-up work (notifications, webhooks, checks) has not run yet. */
  effectsPending?: string[]
  createdBy: Actor
  createdAt: Date
  updatedAt: Date
}

/** The departments that work a case (lead and co-handlers): who hears of it and may read it. */
export function caseDepartments(order: Pick<WorkOrderDoc, 'leadDepartment' | 'coDepartments'>): string[] {
  return [...new Set([order.leadDepartment, ...order.coDepartments].filter((department): department is string => Boolean(department)))]
}

const workOrderSchema = new Schema<WorkOrderDoc>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true },
    status: { type: String, required: true },
    version: { type: Number, required: true },
    type: { type: String, required: true },
    category: { type: String, required: true },
    urgency: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
    address: String,
    district: String,
    location: { type: Schema.Types.Mixed, default: null },
    anonymous: { type: Boolean, default: false },
    confidential: { type: Boolean, default: false },
    fields: { type: Schema.Types.Mixed, default: {} },
    attachments: { type: Schema.Types.Mixed, default: [] },
    citizen: { type: Schema.Types.Mixed, default: {} },
    conversationId: { type: String, default: null },
    source: { type: String, required: true },
    leadDepartment: { type: String, default: null },
    coDepartments: { type: [String], default: [] },
    dispatchOverride: { type: Schema.Types.Mixed, default: null },
    dispatchCount: { type: Number, default: 0 },
    returnCount: { type: Number, default: 0 },
    designated: { type: Boolean, default: false },
    extension: { type: Schema.Types.Mixed, default: null },
    supervision: { type: Schema.Types.Mixed, default: [] },
    replies: { type: Schema.Types.Mixed, default: [] },
    contributions: { type: Schema.Types.Mixed, default: [] },
    deadlines: { type: Schema.Types.Mixed, default: {} },
    followUp: { type: Schema.Types.Mixed, default: null },
    redoCount: { type: Number, default: 0 },
    masterId: { type: String, default: null },
    mergedIds: { type: [String], default: [] },
    closingNote: { type: String, default: null },
    signedAt: { type: Date, default: null },
    repliedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    archivedAt: { type: Date, default: null },
    history: { type: Schema.Types.Mixed, default: [] },
    effectsPending: { type: [String], default: [] },
    createdBy: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'work_orders', minimize: false },
)
workOrderSchema.index({ number: 1 }, { unique: true })
workOrderSchema.index({ conversationId: 1 }, { sparse: true })
workOrderSchema.index({ leadDepartment: 1, status: 1 })
workOrderSchema.index({ status: 1, createdAt: -1 })
workOrderSchema.index({ 'citizen.contactId': 1 }, { sparse: true })

export const WorkOrder = mongoose.model<WorkOrderDoc>('WorkOrder', workOrderSchema)
