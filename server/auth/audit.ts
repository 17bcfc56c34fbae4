import { AuditEvent, type AuditEventDoc } from '../models/audit-event.js'
import { newId } from '../models/new-id.js'

/** Records a sensitive action. Awaited: an action that cannot be audited should not silently pass. */
export async function audit(event: Omit<AuditEventDoc, '_id' | 'at'> & { at?: Date }): Promise<void> {
  await AuditEvent.collection.insertOne({ ...event, _id: newId('aud'), at: event.at ?? new Date() } as never)
}
