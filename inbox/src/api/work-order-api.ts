/** The work-order endpoints the inbox calls (hotline staff and department staff), typed with the server's DTOs. */
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import type { ActionInput } from '../../../server/work-orders/lifecycle.js'
import type { CatalogueEntry } from '../../../server/work-orders/work-order-config.js'
import type { NewWorkOrder as ServiceNewWorkOrder } from '../../../server/work-orders/work-order-service.js'
import { PAGE_SIZE, type WorkOrderFilter, workOrderQuery } from '../state/work-orders.js'
import { request, type UploadOptions, upload } from './http.js'
import type { UploadedAttachment } from './inbox-api.js'

/** A name in both languages (zh-CN and en, more when the config gives them). */
export type Localized = Partial<Record<string, string>> & { 'zh-CN': string; en: string }

export interface CustomFieldMeta {
  key: string
  label: Localized
  type: 'text' | 'number' | 'date' | 'select' | 'boolean'
  options?: string[]
  required: boolean
}

export interface CategoryMeta {
  code: string
  name: Localized
  description?: Localized
  type?: string
  urgency?: string
  fields: CustomFieldMeta[]
}

/** A line of the responsibility catalogue, when the hub sends it (the dispatch dialog suggests from it). */
export type CatalogueLine = CatalogueEntry

export interface WorkOrderMeta {
  departments: { id: string; name: Localized }[]
  districts: { code: string; name: Localized }[]
  categories: CategoryMeta[]
  types: string[]
  urgencies: string[]
  statuses: string[]
  actions: string[]
  catalogue?: CatalogueLine[]
}

export interface WorkOrderDraft {
  conversationId: string
  channel: string
  citizen: { name?: string; phone?: string; email?: string }
  title: string
  description: string
  attachments: { url: string; mimeType: string; name?: string; size?: number }[]
  location: { latitude: number; longitude: number } | null
  address: string
  category?: string
  type?: string
  urgency?: string
  suggestedDepartment?: string
}

/** A case to file: the service's input, without what the hub sets itself (source, the citizen of a conversation). */
export type NewWorkOrder = Omit<ServiceNewWorkOrder, 'source' | 'citizen' | 'conversationId'> & {
  conversationId?: string
  citizen?: { name?: string; phone?: string; email?: string }
}

/** What an action may carry (the lifecycle's input, the date as ISO text); each action reads the parts it needs. */
export type ActionBody = Omit<ActionInput, 'until'> & { until?: string }

export interface WorkOrderPage {
  workOrders: WorkOrderDto[]
  next: string | null
}

const path = (id: string) => `/api/work-orders/${encodeURIComponent(id)}`

export const workOrderApi = {
  meta: () => request<WorkOrderMeta>('GET', '/api/work-orders/meta'),
  list: (filter: WorkOrderFilter, before: string | null = null, limit = PAGE_SIZE) =>
    request<WorkOrderPage>('GET', `/api/work-orders?${workOrderQuery(filter, before, limit)}`),
  /** The cases filed from a conversation (hotline staff only). */
  forConversation: (conversationId: string) => request<WorkOrderPage>('GET', `/api/work-orders?${new URLSearchParams({ conversationId, limit: '20' })}`),
  /** By id or case number; 404 for a case the user may not see. */
  read: (idOrNumber: string) => request<{ workOrder: WorkOrderDto }>('GET', path(idOrNumber)),
  draft: (conversationId: string) => request<{ draft: WorkOrderDraft }>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/work-order-draft`),
  create: (order: NewWorkOrder) => request<{ workOrder: WorkOrderDto }>('POST', '/api/work-orders', order),
  /** 400 for missing input, 403 for a party that may not, 409 for a case in another state. */
  act: (id: string, action: string, body: ActionBody) =>
    request<{ workOrder: WorkOrderDto }>('POST', `${path(id)}/actions/${encodeURIComponent(action)}`, body),
  /** A file for a reply (the lead department): stored on the case, then named in the reply's attachments. 415: type; 413: over 10 MB; 409: case closed. */
  uploadAttachment: (id: string, file: Blob & { name: string }, mimeType: string, options: Omit<UploadOptions, 'contentType'> = {}) =>
    upload<{ attachment: UploadedAttachment }>(`${path(id)}/attachments?${new URLSearchParams({ name: file.name })}`, file, {
      contentType: mimeType,
      ...options,
    }),
}
