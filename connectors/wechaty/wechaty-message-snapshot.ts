/**
 * What the listener stores for each Wechaty message: a plain, serializable snapshot taken while the
 * bot is running (Wechaty message objects are live handles on the puppet), sent through the durable
 * queue as the body of an `InboundRequest`, and mapped by the pure `parseInbound` in a worker.
 * `version` lets a worker refuse snapshots written by a future listener instead of misreading them.
 */
import { z } from 'zod'
import type { InboundRequest } from '../spec.js'

/** The pseudo HTTP method and url of listener requests (they never come from the network). */
export const WECHATY_LISTEN_METHOD = 'LISTEN'
export const WECHATY_LISTEN_URL = '/listen/wechaty'

export const wechatyMessageSnapshotSchema = z.object({
  version: z.literal(1),
  /** Wechaty's message id: the dedupe key. */
  id: z.string().min(1),
  /** Name of the Wechaty message type (`Text`, `Image`, `Url`…), stable across puppet versions unlike the enum number. */
  type: z.string().min(1),
  /** For media types, puppets often put the file name or a placeholder here. */
  text: z.string(),
  talker: z.object({ id: z.string().min(1), name: z.string().optional() }),
  /** Present for group messages. */
  room: z.object({ id: z.string().min(1), topic: z.string().optional() }).optional(),
  /** Milliseconds since the epoch (Wechaty's `message.date()`). */
  timestamp: z.number().int().nonnegative(),
  /** Sent by the bot's own account (the listener drops these; kept so the mapper can too). */
  self: z.boolean(),
  /** Whether a group message @-mentions the bot. */
  mentionSelf: z.boolean(),
  /** For `Url` messages, when the puppet could read the link card. */
  urlLink: z.object({ url: z.string(), title: z.string().optional(), description: z.string().optional() }).optional(),
  /** For `Location` messages, when the puppet could read the position. */
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
})

export type WechatyMessageSnapshot = z.output<typeof wechatyMessageSnapshotSchema>

/** The request the listener enqueues for one message. */
export function wechatyListenRequest(snapshot: WechatyMessageSnapshot, receivedAt: Date): InboundRequest {
  return {
    method: WECHATY_LISTEN_METHOD,
    url: WECHATY_LISTEN_URL,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(snapshot),
    receivedAt,
  }
}

/** The snapshot in a listener request; undefined for anything else (a webhook, garbage, a future version). */
export function readWechatySnapshot(request: InboundRequest): WechatyMessageSnapshot | undefined {
  if (request.method !== WECHATY_LISTEN_METHOD) return undefined
  let json: unknown
  try {
    json = JSON.parse(request.body)
  } catch {
    return undefined
  }
  const parsed = wechatyMessageSnapshotSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}
