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

export async function queueSettings(config: Pick<HubConfig, 'queues'>, queueId: string): Promise<QueueSettings | null> {
  const declared = config.queues.find((queue) => queue.id === queueId)
  if (!declared) return null
  const changed = await QueueSetting.findById(queueId).lean<QueueSettingDoc>()
  return {
    id: declared.id,
    assignment: changed?.assignment ?? declared.assignment,
    reassignAfterMinutes: changed?.reassignAfterMinutes ?? declared.reassignAfterMinutes,
    skills: changed?.skills ?? declared.skills,
  }
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
