/**
 * A work order as its viewer may see it. Departments never see who filed an anonymous or a
 * confidential case (保密件); agents see the phone masked; supervisors and admins in full.
 */
import type { WorkOrderDoc } from '../models/work-order.js'
import type { Role, WorkOrderDto } from '../presenters/dto.js'
import { maskEmail, maskPhone } from '../presenters/mask-pii.js'
import { availableActions, type Party } from './lifecycle.js'

export interface Viewer {
  role: Role | 'api'
  department?: string | null
}

export function partyOf(viewer: Viewer): Party {
  if (viewer.role === 'department' || viewer.role === 'api') return 'department'
  return viewer.role === 'agent' ? 'agent' : 'supervisor'
}

/** Whether this viewer sees the citizen's personal data of the case. */
export function seesCitizen(order: Pick<WorkOrderDoc, 'anonymous' | 'confidential'>, viewer: Viewer): boolean {
  return partyOf(viewer) !== 'department' || !(order.anonymous || order.confidential)
}

const iso = (value: Date | string | null | undefined): string | null => (value ? new Date(value).toISOString() : null)

export function presentWorkOrder(order: WorkOrderDoc, viewer: Viewer): WorkOrderDto {
  const party = partyOf(viewer)
  const full = viewer.role === 'admin' || viewer.role === 'supervisor' || party === 'department'
  const citizen = seesCitizen(order, viewer)
    ? {
        ...(order.citizen.name ? { name: order.citizen.name } : {}),
        ...(order.citizen.phone ? { phone: full ? order.citizen.phone : maskPhone(order.citizen.phone) } : {}),
        ...(order.citizen.email ? { email: full ? order.citizen.email : maskEmail(order.citizen.email) } : {}),
        channel: order.citizen.channel ?? null,
      }
    : null
  return {
    id: order._id,
    number: order.number,
    status: order.status,
    type: order.type,
    category: order.category,
    urgency: order.urgency,
    title: order.title,
    description: order.description,
    ...(order.address ? { address: order.address } : {}),
    ...(order.district ? { district: order.district } : {}),
    location: order.location ?? null,
    anonymous: order.anonymous,
    confidential: order.confidential,
    fields: order.fields ?? {},
    attachments: order.attachments ?? [],
    citizen,
    conversationId: party === 'department' ? null : (order.conversationId ?? null),
    source: order.source,
    leadDepartment: order.leadDepartment ?? null,
    coDepartments: order.coDepartments ?? [],
    dispatchOverride: order.dispatchOverride ?? null,
    dispatchCount: order.dispatchCount,
    returnCount: order.returnCount,
    designated: order.designated,
    extension: order.extension
      ? {
          state: order.extension.state,
          requestedDueAt: new Date(order.extension.requestedDueAt).toISOString(),
          reason: order.extension.reason,
          requestedBy: order.extension.requestedBy.name,
          ...(order.extension.decidedBy ? { decidedBy: order.extension.decidedBy.name } : {}),
        }
      : null,
    supervision: (order.supervision ?? []).map((entry) => ({
      kind: entry.kind,
      at: new Date(entry.at).toISOString(),
      by: entry.by.name,
      comment: entry.comment,
    })),
    replies: (order.replies ?? []).map((reply) => ({
      id: reply._id,
      at: new Date(reply.at).toISOString(),
      by: reply.by.name,
      ...(reply.by.department ? { department: reply.by.department } : {}),
      text: reply.text,
      attachments: reply.attachments,
    })),
    contributions: (order.contributions ?? []).map((part) => ({
      id: part._id,
      at: new Date(part.at).toISOString(),
      by: part.by.name,
      ...(part.by.department ? { department: part.by.department } : {}),
      text: part.text,
    })),
    deadlines: Object.fromEntries(
      Object.entries(order.deadlines ?? {}).map(([name, deadline]) => [
        name,
        {
          dueAt: new Date(deadline.dueAt).toISOString(),
          atRiskAt: new Date(deadline.atRiskAt).toISOString(),
          state: deadline.state,
          closedAt: iso(deadline.closedAt),
        },
      ]),
    ),
    followUp: order.followUp
      ? {
          askedAt: iso(order.followUp.askedAt),
          answeredAt: iso(order.followUp.answeredAt),
          rating: order.followUp.rating ?? null,
          reason: order.followUp.reason ?? null,
        }
      : null,
    redoCount: order.redoCount,
    masterId: order.masterId ?? null,
    mergedIds: order.mergedIds ?? [],
    closingNote: order.closingNote ?? null,
    history: (order.history ?? []).map((entry) => ({
      id: entry._id,
      action: entry.action,
      from: entry.from,
      to: entry.to,
      // Department staff see that the citizen or the hotline acted, not who they are.
      actor: {
        type: entry.actor.type,
        name: party === 'department' && entry.actor.type === 'citizen' ? '' : entry.actor.name,
        ...(entry.actor.department ? { department: entry.actor.department } : {}),
      },
      at: new Date(entry.at).toISOString(),
      ...(entry.comment ? { comment: entry.comment } : {}),
      ...(entry.details ? { details: entry.details } : {}),
    })),
    actions: availableActions(order, party, viewer.department ?? undefined),
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  }
}
