/**
 * `GET /api/media/:id`: the hub's copy of an attachment, for staff who may see its conversation or case.
 * Served so that a hostile file cannot run in the hub's origin (nosniff, sandbox CSP, attachment
 * disposition for anything that is not an image, audio or video).
 */
import { Hono } from 'hono'
import { canAccessConversation } from '../../auth/access.js'
import type { HubContext } from '../../hub-context.js'
import { mediaUrl, readMedia } from '../../media/media-store.js'
import { Conversation, type ConversationDoc } from '../../models/conversation.js'
import type { MediaFileDoc } from '../../models/media.js'
import { WorkOrder, type WorkOrderDoc } from '../../models/work-order.js'
import { notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../require-user.js'
import { storeUpload } from '../upload.js'
import { visibleConversation } from '../visible-conversation.js'
import { callerOf, isHotline, mayViewWorkOrder, requireWorkOrderCaller, type WorkOrderCaller } from '../work-order-access.js'

const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/|video\/)/i
/** How many of a conversation's cases are checked for a department reading one of its files. */
const MAX_CASES_PER_CONVERSATION = 20

/**
 * Hotline staff read the files of conversations they may see and of every case; a department
 * (its staff or its OA system) the files of its cases: those uploaded to the case, and those the
 * hotline copied into it from the conversation.
 */
async function mayRead(caller: WorkOrderCaller, user: AppEnv['Variables']['user'] | undefined, file: MediaFileDoc): Promise<boolean> {
  if (file.workOrderId) {
    const order = await WorkOrder.findById(file.workOrderId, { leadDepartment: 1, coDepartments: 1 }).lean<WorkOrderDoc>()
    return Boolean(order) && mayViewWorkOrder(caller, order as WorkOrderDoc)
  }
  if (!file.conversationId) return false
  if (isHotline(caller)) {
    const conversation = await Conversation.findById(file.conversationId, { queue: 1, assigneeId: 1 }).lean<ConversationDoc>()
    return Boolean(user && conversation && canAccessConversation(user, conversation))
  }
  const url = mediaUrl(file._id)
  const cases = await WorkOrder.find({ conversationId: file.conversationId }, { leadDepartment: 1, coDepartments: 1, attachments: 1 })
    .limit(MAX_CASES_PER_CONVERSATION)
    .lean<WorkOrderDoc[]>()
  return cases.some((order) => mayViewWorkOrder(caller, order) && order.attachments.some((attachment) => attachment.url === url))
}

export function mediaRoutes(context: HubContext) {
  const app = new Hono<AppEnv>()
  app.use('/api/media/*', requireWorkOrderCaller(context))
  app.get('/api/media/:id', async (c) => {
    const media = await readMedia(c.req.param('id'))
    // Same 404 as a missing file when it is not the caller's to see.
    if (!media || !(await mayRead(callerOf(c), c.get('user'), media.file))) throw notFound('File')
    const disposition = INLINE.test(media.file.mimeType) ? 'inline' : 'attachment'
    const name = encodeURIComponent(media.file.name ?? media.file._id)
    return c.body(new Uint8Array(media.bytes), 200, {
      'content-type': media.file.mimeType,
      'content-length': String(media.bytes.byteLength),
      'content-disposition': `${disposition}; filename*=UTF-8''${name}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=86400',
    })
  })
  // An agent's file, stored before the reply that carries it (the reply names it by url).
  app.use('/api/conversations/:id/attachments', requireUser(context))
  app.post('/api/conversations/:id/attachments', async (c) => {
    const conversation = await visibleConversation(c.get('user'), c.req.param('id'))
    return c.json({ attachment: await storeUpload(c, { conversationId: conversation._id }, context.now()) }, 201)
  })
  return app
}
