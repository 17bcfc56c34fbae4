/**
 * A queue's effective routing settings and an agent's effective capacity: what
 * channels.config.ts declares, with the changes admins made in the inbox on top.
 */
import type { HubConfig } from '../config/hub-config-schema.js'
import { QueueSetting, type QueueSettingDoc } from '../models/queue-setting.js'
import { User, type UserDoc } from '../models/user.js'
import type { AssignmentMode, CapacityKind } from './routing-config.js'

export interface QueueSettings {
  id: string
  assignment: AssignmentMode
  reassignAfterMinutes: number
  skills: string[]
}

type DeclaredQueue = HubConfig['queues'][number]

function effectiveSettings(declared: DeclaredQueue, changed: QueueSettingDoc | null | undefined): QueueSettings {
  return {
    id: declared.id,
    assignment: changed?.assignment ?? declared.assignment,
    reassignAfterMinutes: changed?.reassignAfterMinutes ?? declared.reassignAfterMinutes,
    skills: changed?.skills ?? declared.skills,
  }
}

export async function queueSettings(config: Pick<HubConfig, 'queues'>, queueId: string): Promise<QueueSettings | null> {
  const declared = config.queues.find((queue) => queue.id === queueId)
  if (!declared) return null
  return effectiveSettings(declared, await QueueSetting.findById(queueId).lean<QueueSettingDoc>())
}

/** Every declared queue's settings, in config order, with one read of the admins' changes. */
export async function allQueueSettings(config: Pick<HubConfig, 'queues'>): Promise<(QueueSettings & { name: DeclaredQueue['name'] })[]> {
  const changes = await QueueSetting.find({ _id: { $in: config.queues.map((queue) => queue.id) } }).lean<QueueSettingDoc[]>()
  const byId = new Map(changes.map((change) => [change._id, change]))
  return config.queues.map((declared) => ({ ...effectiveSettings(declared, byId.get(declared.id)), name: declared.name }))
}

export function agentCapacity(config: Pick<HubConfig, 'routing'>, user: Pick<UserDoc, 'capacity'>, kind: CapacityKind): number {
  return user.capacity?.[kind] ?? config.routing.capacity[kind]
}

/** Members read per queue; a desk of more agents than this needs a smarter index. */
export const MAX_QUEUE_MEMBERS = 1000

/** The active users who work a queue. */
export function queueMembers(queueId: string): Promise<UserDoc[]> {
  return User.find({ queues: queueId, active: true }).limit(MAX_QUEUE_MEMBERS).lean<UserDoc[]>()
}
