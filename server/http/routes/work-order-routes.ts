/**
 * Work orders over HTTP, for the inbox and for departments' OA systems (same routes, API key or
 * session): file a case from a conversation, list and read cases, and act on them
 * (POST /api/work-orders/{id}/actions/{action}: dispatch, sign, return, reply, extend…).
 * Department callers see and act on their department's cases only.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { audit } from '../../auth/audit.js'
import type { HubContext } from '../../hub-context.js'
import { fileIdFromMediaUrl } from '../../media/media-store.js'
import { Contact, type ContactDoc } from '../../models/contact.js'
import { MediaFile, type MediaFileDoc } from '../../models/media.js'
import { Message, type MessageDoc } from '../../models/message.js'
import { WorkOrder, type WorkOrderDoc } from '../../models/work-order.js'
import { normalizeCaseNumber } from '../../work-orders/case-number.js'
import { suggestDepartment } from '../../work-orders/dispatch-catalogue.js'
import { FINAL_STATUSES, isWorkOrderAction, WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES } from '../../work-orders/lifecycle.js'
import { partyOf, presentWorkOrder, seesCitizen } from '../../work-orders/present-work-order.js'
import { REQUEST_TYPES, URGENCIES } from '../../work-orders/work-order-config.js'
import { actOnWorkOrder, createWorkOrder, WorkOrderError } from '../../work-orders/work-order-service.js'
import { ApiError, forbidden, notFound, validationFailed } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { clientIp } from '../client-ip.js'
import { errorResponses, jsonContent } from '../schemas.js'
import { storeUpload, UPLOADABLE } from '../upload.js'
import { visibleConversation } from '../visible-conversation.js'
import { callerOf, isHotline, mayViewWorkOrder, requireWorkOrderCaller, type WorkOrderCaller } from '../work-order-access.js'

const MAX_LIST = 100
const EXCERPT_MESSAGES = 20
const tags = ['work orders']
const pathParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' } })

const WorkOrderSchema = z
  .object({ id: z.string(), number: z.string(), status: z.string(), actions: z.array(z.string()) })
  .passthrough()
  .openapi('WorkOrder')
const attachment = z.object({
  url: z.string().min(1).max(2000),
  mimeType: z.string().min(1).max(200),
  name: z.string().max(300).optional(),
  size: z.number().optional(),
})

const createBody = z.object({
  conversationId: z.string().max(64).optional(),
  type: z.enum(REQUEST_TYPES),
  category: z.string().min(1).max(32),
  urgency: z.enum(URGENCIES).optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000),
  address: z.string().trim().max(500).optional(),
  district: z.string().max(16).optional(),
  location: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  anonymous: z.boolean().optional(),
  confidential: z.boolean().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(attachment).max(20).optional(),
  /** For cases filed without a conversation (e.g. a walk-in); with one, the conversation's contact is used. */
  citizen: z.object({ name: z.string().max(100).optional(), phone: z.string().max(32).optional(), email: z.string().max(200).optional() }).optional(),
})

const actionBody = z.object({
  comment: z.string().max(4000).optional(),
  department: z.string().max(32).optional(),
  coDepartments: z.array(z.string().max(32)).max(10).optional(),
  overrideReason: z.string().max(1000).optional(),
  reason: z.string().max(4000).optional(),
  legalBasis: z.string().max(2000).optional(),
  text: z.string().max(10_000).optional(),
  attachments: z.array(attachment).max(20).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
  masterId: z.string().max(64).optional(),
})

const meta = createRoute({
  method: 'get',
  path: '/api/work-orders/meta',
  tags,
  summary: 'Departments, districts, categories (with their custom fields), the responsibility catalogue, request types, urgencies, statuses and actions',
  responses: { 200: jsonContent(z.object({}).passthrough(), 'What the forms offer'), 401: errorResponses[401] },
})

const list = createRoute({
  method: 'get',
  path: '/api/work-orders',
  tags,
  summary: 'Cases, newest first (departments: their own). Filters: status (comma list), department, number, conversation, overdue',
  request: {
    query: z.object({
      status: z.string().max(300).optional(),
      department: z.string().max(32).optional(),
      number: z.string().max(32).optional(),
      conversationId: z.string().max(64).optional(),
      overdue: z.enum(['true', 'false']).optional(),
      before: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_LIST).default(50),
    }),
  },
  responses: {
    200: jsonContent(z.object({ workOrders: z.array(WorkOrderSchema), next: z.string().nullable() }), 'The cases'),
    400: errorResponses[400],
    401: errorResponses[401],
  },
})

const create = createRoute({
  method: 'post',
  path: '/api/work-orders',
  tags,
  summary: 'File a case (hotline staff); from a conversation the citizen, channel and identity are taken from it and the citizen is told the case number',
  request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: {
    201: jsonContent(z.object({ workOrder: WorkOrderSchema }), 'Filed'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
})

const draft = createRoute({
  method: 'get',
  path: '/api/conversations/{id}/work-order-draft',
  tags,
  summary: 'A new case prefilled from a conversation: citizen, channel, transcript excerpt, attachments, shared location, suggested category',
  request: { params: z.object({ id: pathParam('id') }) },
  responses: { 200: jsonContent(z.object({ draft: z.object({}).passthrough() }), 'The prefill'), 401: errorResponses[401], 404: errorResponses[404] },
})

const read = createRoute({
  method: 'get',
  path: '/api/work-orders/{id}',
  tags,
  summary: 'One case by id or case number (reading a confidential case’s personal data is audited)',
  request: { params: z.object({ id: pathParam('id') }) },
  responses: { 200: jsonContent(z.object({ workOrder: WorkOrderSchema }), 'The case'), 401: errorResponses[401], 404: errorResponses[404] },
})

const act = createRoute({
  method: 'post',
  path: '/api/work-orders/{id}/actions/{action}',
  tags,
  summary: `Move a case: ${WORK_ORDER_ACTIONS.join(', ')}. Forbidden or impossible actions change nothing.`,
  request: {
    params: z.object({ id: pathParam('id'), action: z.string().openapi({ param: { name: 'action', in: 'path' } }) }),
    body: { required: false, content: { 'application/json': { schema: actionBody } } },
  },
  responses: {
    200: jsonContent(z.object({ workOrder: WorkOrderSchema }), 'The case after the action'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
})

const upload = createRoute({
  method: 'post',
  path: '/api/work-orders/{id}/attachments',
  tags,
  summary: `Upload a file for a reply on the case (the lead department or the hotline): the raw bytes as the body with their content type (${[...UPLOADABLE].join(', ')}), at most 10 MB, ?name= the file name. Answers the attachment to name in the action's attachments.`,
  request: { params: z.object({ id: pathParam('id') }), query: z.object({ name: z.string().max(300).optional() }) },
  responses: {
    201: jsonContent(z.object({ attachment: attachment }), 'Stored'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
})

/** Files named in an action must be the hub's own, of this case or of its conversation. */
async function checkAttachments(order: WorkOrderDoc, attachments: readonly { url: string }[]): Promise<void> {
  for (const item of attachments) {
    const fileId = fileIdFromMediaUrl(item.url)
    const file = fileId ? await MediaFile.findById(fileId, { workOrderId: 1, conversationId: 1 }).lean<MediaFileDoc>() : null
    const owned = file && (file.workOrderId === order._id || (order.conversationId && file.conversationId === order.conversationId))
    if (!owned)
      throw new ApiError(400, 'unknown_attachment', `${item.url} is not a file of this case; upload it to /api/work-orders/${order._id}/attachments first`)
  }
}

/** The case if this caller may see it: hotline staff every case, a department its own (lead or co-handler). */
async function visibleWorkOrder(caller: WorkOrderCaller, idOrNumber: string, prefix: string): Promise<WorkOrderDoc> {
  const number = normalizeCaseNumber(idOrNumber, prefix)
  const order = number ? await WorkOrder.findOne({ number }).limit(1).lean<WorkOrderDoc>() : await WorkOrder.findById(idOrNumber).lean<WorkOrderDoc>()
  if (!order || !mayViewWorkOrder(caller, order)) throw notFound('Work order')
  return order
}

/** Every response that shows a confidential case's citizen is an audited view of their personal data. */
async function auditPersonalData(caller: WorkOrderCaller, orders: readonly WorkOrderDoc[], ip: string | undefined): Promise<void> {
  for (const order of orders) {
    if (!order.confidential || !seesCitizen(order, caller.viewer)) continue
    await audit({
      actor: { type: 'user', ...(caller.userId ? { id: caller.userId } : {}) },
      action: 'work_order.view_personal_data',
      target: { type: 'work_order', id: order._id },
      details: { number: order.number },
      outcome: 'success',
      ...(ip ? { ip } : {}),
    })
  }
}

function toApiError(error: unknown): never {
  if (error instanceof WorkOrderError) throw new ApiError(error.status, error.code, error.message)
  throw error
}

export function workOrderRoutes(context: HubContext) {
  const app = new OpenAPIHono<AppEnv>()
  const access = requireWorkOrderCaller(context)
  app.use('/api/work-orders', access)
  app.use('/api/work-orders/*', access)
  app.use('/api/conversations/:id/work-order-draft', access)
  const config = context.config.workOrders

  app.openapi(meta, (c) =>
    c.json(
      {
        departments: config.departments.map((department) => ({ id: department.id, name: department.name })),
        districts: config.districts,
        categories: config.categories.map(({ keywords: _keywords, ...category }) => category),
        types: [...REQUEST_TYPES],
        urgencies: [...URGENCIES],
        statuses: [...WORK_ORDER_STATUSES],
        actions: [...WORK_ORDER_ACTIONS],
        // The responsibility catalogue, so the inbox suggests the lead department as dispatch would.
        catalogue: config.catalogue,
      },
      200,
    ),
  )

  app.openapi(list, async (c) => {
    const caller = callerOf(c)
    const query = c.req.valid('query')
    const filter: Record<string, unknown> = {}
    if (query.status) {
      const statuses = query.status.split(',').map((status) => status.trim())
      const unknown = statuses.filter((status) => !(WORK_ORDER_STATUSES as readonly string[]).includes(status))
      if (unknown.length > 0) throw new ApiError(400, 'unknown_status', `No such status: ${unknown.join(', ')}`)
      filter.status = { $in: statuses }
    }
    if (!isHotline(caller)) filter.$or = [{ leadDepartment: caller.viewer.department }, { coDepartments: caller.viewer.department }]
    else if (query.department) filter.leadDepartment = query.department
    if (query.number) filter.number = normalizeCaseNumber(query.number, config.numberPrefix) ?? query.number
    if (query.conversationId) {
      if (!isHotline(caller)) throw forbidden()
      filter.conversationId = query.conversationId
    }
    if (query.overdue === 'true') filter.$and = [{ $or: [{ 'deadlines.sign.state': 'overdue' }, { 'deadlines.resolve.state': 'overdue' }] }]
    if (query.before) filter.createdAt = { $lt: new Date(query.before) }
    const orders = await WorkOrder.find(filter, { history: 0 })
      .sort({ createdAt: -1 })
      .limit(query.limit + 1)
      .lean<WorkOrderDoc[]>()
    const page = orders.slice(0, query.limit)
    const next = orders.length > query.limit ? (page.at(-1)?.createdAt.toISOString() ?? null) : null
    await auditPersonalData(caller, page, clientIp(c))
    return c.json({ workOrders: page.map((order) => presentWorkOrder({ ...order, history: [] }, caller.viewer)), next }, 200)
  })

  app.openapi(create, async (c) => {
    const caller = callerOf(c)
    if (!isHotline(caller)) throw forbidden('Cases are filed by the hotline')
    const body = c.req.valid('json')
    const user = c.get('user')
    let citizen: WorkOrderDoc['citizen'] = { ...body.citizen }
    let source = 'hotline'
    if (body.conversationId) {
      const conversation = await visibleConversation(user, body.conversationId)
      const contact = await Contact.findById(conversation.contactId).lean<ContactDoc>()
      citizen = {
        contactId: conversation.contactId,
        name: body.citizen?.name ?? contact?.name ?? conversation.contactName,
        ...((body.citizen?.phone ?? contact?.phone) ? { phone: body.citizen?.phone ?? contact?.phone } : {}),
        ...((body.citizen?.email ?? contact?.email) ? { email: body.citizen?.email ?? contact?.email } : {}),
        channel: conversation.channel,
        externalId: conversation.contactExternalId,
      }
      source = conversation.channelType
    }
    const order = await createWorkOrder(
      context,
      {
        ...body,
        ...(body.location === undefined ? {} : { location: body.location }),
        citizen,
        source,
        conversationId: body.conversationId ?? null,
      },
      callerOf(c).actor,
    ).catch(toApiError)
    await auditPersonalData(caller, [order], clientIp(c))
    return c.json({ workOrder: presentWorkOrder(order, caller.viewer) }, 201)
  })

  app.openapi(draft, async (c) => {
    const caller = callerOf(c)
    if (!isHotline(caller)) throw forbidden()
    const conversation = await visibleConversation(c.get('user'), c.req.valid('param').id)
    const contact = await Contact.findById(conversation.contactId).lean<ContactDoc>()
    const messages = await Message.find({ conversationId: conversation._id, private: false, type: { $ne: 'event' } })
      .sort({ seq: -1 })
      .limit(EXCERPT_MESSAGES)
      .lean<MessageDoc[]>()
    const ordered = messages.reverse()
    const fromCitizen = ordered.filter((message) => message.direction === 'inbound')
    const citizenLabel = c.get('user').language?.startsWith('en') ? 'Citizen' : '市民'
    const excerpt = ordered
      .filter((message) => message.body)
      // The citizen is "市民", never their name: the description goes to departments, also on anonymous cases.
      .map((message) => `${message.direction === 'inbound' ? citizenLabel : (message.sender.name ?? '')}: ${message.body}`)
      .join('\n')
    const text = fromCitizen.map((message) => message.body).join(' ')
    const category = config.categories.find((candidate) => candidate.keywords.some((keyword) => text.toLowerCase().includes(keyword.toLowerCase())))
    const located = [...ordered].reverse().find((message) => message.location)?.location
    const suggestion = category ? suggestDepartment(config, category.code, null) : null
    return c.json(
      {
        draft: {
          conversationId: conversation._id,
          channel: conversation.channel,
          citizen: {
            name: contact?.name ?? conversation.contactName,
            ...(contact?.phone ? { phone: contact.phone } : {}),
            ...(contact?.email ? { email: contact.email } : {}),
          },
          title: (fromCitizen[0]?.body ?? '').slice(0, 60),
          description: excerpt,
          attachments: ordered.flatMap((message) => message.attachments ?? []),
          location: located ? { latitude: located.latitude, longitude: located.longitude } : null,
          address: located?.label ?? '',
          ...(category ? { category: category.code, type: category.type ?? 'help', urgency: category.urgency ?? 'general' } : {}),
          ...(suggestion ? { suggestedDepartment: suggestion.lead } : {}),
        },
      },
      200,
    )
  })

  app.openapi(read, async (c) => {
    const caller = callerOf(c)
    const order = await visibleWorkOrder(caller, c.req.valid('param').id, config.numberPrefix)
    await auditPersonalData(caller, [order], clientIp(c))
    return c.json({ workOrder: presentWorkOrder(order, caller.viewer) }, 200)
  })

  app.openapi(upload, async (c) => {
    const caller = callerOf(c)
    const order = await visibleWorkOrder(caller, c.req.valid('param').id, config.numberPrefix)
    if (!isHotline(caller) && order.leadDepartment !== caller.viewer.department) throw forbidden('Only the lead department adds files to a case')
    if (FINAL_STATUSES.has(order.status)) throw new ApiError(409, 'case_closed', `Case ${order.number} is ${order.status}`)
    return c.json({ attachment: await storeUpload(c, { conversationId: '', workOrderId: order._id }, context.now()) }, 201)
  })

  app.openapi(act, async (c) => {
    const caller = callerOf(c)
    const { id, action } = c.req.valid('param')
    if (!isWorkOrderAction(action)) throw new ApiError(404, 'unknown_action', `No action "${action}"; actions: ${WORK_ORDER_ACTIONS.join(', ')}`)
    const order = await visibleWorkOrder(caller, id, config.numberPrefix)
    const body = (await c.req.json().catch(() => ({}))) as unknown
    const parsed = actionBody.safeParse(body ?? {})
    if (!parsed.success) throw validationFailed(parsed.error.issues)
    const { until, ...rest } = parsed.data
    if (rest.attachments?.length) await checkAttachments(order, rest.attachments)
    const updated = await actOnWorkOrder(
      context,
      order._id,
      action,
      { ...rest, ...(until ? { until: new Date(until) } : {}) },
      caller.actor,
      partyOf(caller.viewer),
    ).catch(toApiError)
    await auditPersonalData(caller, [updated], clientIp(c))
    return c.json({ workOrder: presentWorkOrder(updated, caller.viewer) }, 200)
  })

  return app
}
