/**
 * The channel connector contract, version 1.
 *
 * Everything channel-specific lives behind this interface: the server core only
 * ever sees the normalized types below. Treat this file like a published API:
 * a breaking change means a new `specificationVersion`, never an edit in place.
 *
 * Data flow (see docs/ARCHITECTURE.md):
 *   provider → connector.verify → durable queue → connector.parseInbound → ingest
 *   agent reply → persisted → send job → connector.send → delivery status
 */

import type { ZodLiteral, ZodObject, z } from 'zod'

export const CONNECTOR_SPEC_VERSION = 'v1' as const

/** Message kinds every channel maps onto. */
export type MessageType = 'text' | 'image' | 'file' | 'audio' | 'video' | 'location' | 'event'

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed'

export interface Attachment {
  /** Where the hub stores the file (never a provider hotlink). */
  url: string
  mimeType: string
  name?: string
  size?: number
}

export interface Location {
  latitude: number
  longitude: number
  label?: string
}

/** What a connector knows about the citizen on the other end. */
export interface InboundSender {
  /** Stable id of the citizen on this channel (visitor id, openid, phone number, address). */
  externalId: string
  displayName?: string
  phone?: string
  email?: string
  language?: string
}

/** A message a citizen sent, normalized. */
export interface InboundMessage {
  kind: 'message'
  /** Provider's message id; the dedupe key together with the channel id. */
  externalId: string
  sender: InboundSender
  type: MessageType
  text?: string
  attachments?: Attachment[]
  location?: Location
  /** Provider timestamp, when the provider gives one. */
  sentAt?: Date
  /** Opaque extra fields the provider sent (kept for audits, never shown raw). */
  metadata?: Record<string, string>
  /**
   * Who wrote it, when that is not the `sender` (a member of a group chat whose conversation is
   * the group): shown as the message's author; the conversation stays the group's.
   */
  author?: InboundSender
  /**
   * Which conversation the message answers, for channels that thread (email). Added additively:
   * without it the hub uses the contact's active conversation on the channel.
   */
  thread?: ThreadHint
}

/**
 * How the hub places a threaded message: in the conversation of the first of `references` it
 * knows (an earlier inbound message's `externalId`, or an id `send` returned), else of `token`
 * (a conversation id the connector read from a reply address or subject), in both cases only
 * when that conversation is the same contact's on the same channel; else per `unmatched`.
 */
export interface ThreadHint {
  /** Provider ids this message answers, best first (email: In-Reply-To, then References newest first). */
  references: string[]
  /** A conversation id the citizen's reply carried back (email: `12345+<id>@` or `[#<id>]`). */
  token?: string
  /** Nothing matched: start a new conversation, or join the contact's active one. */
  unmatched: 'new' | 'active'
  /** The matched conversation is resolved: reopen it, or start a new one. */
  resolved: 'reopen' | 'new'
}

/** A delivery receipt for a message the hub sent earlier. */
export interface InboundStatusUpdate {
  kind: 'status'
  /** The provider id that `send` returned. */
  externalId: string
  status: DeliveryStatus
  reason?: string
  at?: Date
  /** Who reported it, when the channel says (a widget's visitor): a receipt only counts for their own conversation. */
  reportedBy?: string
}

/** A citizen-side signal that is not a message (typing, read, subscribe…). */
export interface InboundSignal {
  kind: 'signal'
  sender: InboundSender
  /**
   * `scanned`, `intent` and `location` were added (additively) for WeChat: a follower scanning a
   * parameter QR code, a menu button the hub maps to an intent, and the position a client reports.
   * Consumers must ignore signals they do not know.
   */
  signal: 'typing_on' | 'typing_off' | 'read' | 'subscribed' | 'unsubscribed' | 'scanned' | 'intent' | 'location'
  /** Seq of the last message the citizen has seen, for `read`. */
  seq?: number
  /**
   * Dedupe key when the provider re-delivers signals (WeChat retries event pushes up to 3 times
   * and events have no id: the connector builds one from sender, time and event).
   */
  externalId?: string
  /** For `intent`: the configured intent name (e.g. `talk_to_agent`); absent when the button maps to none. */
  intent?: string
  /** For `location`: where the citizen's client says it is. */
  location?: Location
  /** Provider timestamp, when the provider gives one. */
  sentAt?: Date
  /** Opaque extra fields (QR scene, menu key…), kept for audits and routing, never shown raw. */
  metadata?: Record<string, string>
}

export type InboundEvent = InboundMessage | InboundStatusUpdate | InboundSignal

/** A raw inbound request as the ingress saw it, independent of the HTTP framework. */
export interface InboundRequest {
  method: string
  /** Path plus query string, as the provider called it (signatures often cover it). */
  url: string
  headers: Record<string, string>
  /** Raw body, exactly as received (signatures are computed over bytes, not parsed JSON). */
  body: string
  receivedAt: Date
}

export type VerifyResult =
  | {
      ok: true
      /** A reply the provider expects synchronously (WeChat echostr, TwiML). */
      response?: ProviderResponse
    }
  | { ok: false; status: 400 | 401 | 403 | 413; code: string; message: string }

export interface ProviderResponse {
  status: number
  contentType: string
  body: string
}

/** A message the hub sends to a citizen, normalized. */
export interface OutboundMessage {
  /** The hub's message id (idempotency key for providers that accept one). */
  messageId: string
  conversationId: string
  recipient: { externalId: string }
  type: MessageType
  text?: string
  attachments?: Attachment[]
  /**
   * A pre-approved provider template (WeChat template message; mainland SMS templates): the only
   * thing some channels let the hub send outside the reply window. `text` is the readable rendering
   * kept in the conversation. Connectors without `capabilities.templates` refuse it.
   */
  template?: OutboundTemplate
  /**
   * The citizen's message this reply answers (the conversation's last inbound one), for channels
   * whose clients thread replies (email: In-Reply-To, References, `Re:` subject). Filled by the hub
   * only for connectors with `capabilities.replyContext`.
   */
  replyTo?: ReplyContext
}

export interface ReplyContext {
  /** The provider id of the message answered (an email's Message-ID). */
  externalId: string
  /** Ids of the messages before it in the thread, oldest first (an email's References). */
  references?: string[]
  /** Its subject. */
  subject?: string
}

export interface OutboundTemplate {
  id: string
  /** Field name → value, e.g. `{ keyword1: '2026-000123' }`. */
  data: Record<string, string>
  /** Where tapping the notification leads (WeChat). */
  url?: string
}

export interface SendWarning {
  type: 'unsupported'
  feature: string
  details?: string
}

export interface SendResult {
  /** Provider's id for the sent message; receipts refer to it. */
  externalId: string
  status: DeliveryStatus
  warnings?: SendWarning[]
}

/** Capabilities the inbox uses to decide what an agent may send. */
export interface ConnectorCapabilities {
  messageTypes: readonly MessageType[]
  typingIndicator: boolean
  deliveryReceipts: boolean
  readReceipts: boolean
  /** Hours after the citizen's last message during which free-form replies are allowed (WeChat: 48). */
  replyWindowHours: number | null
  maxTextLength: number
  /** Whether `send` accepts `OutboundMessage.template` (absent: no). */
  templates?: boolean
  /** Whether `send` wants `OutboundMessage.replyTo` (absent: no; saves the hub a read per reply). */
  replyContext?: boolean
}

/** Dependencies injected into every connector: never read from globals. */
export interface ConnectorDependencies {
  fetch: typeof globalThis.fetch
  now: () => Date
  generateId: () => string
  /** Pushes an outbound message to channels the hub itself terminates (webchat sockets). */
  deliverLocally?: (message: OutboundMessage) => Promise<void>
  /**
   * State every hub process must share, with a lock for single-flight refreshes. Why: some
   * provider credentials are revoked when a new one is fetched (a WeChat access_token dies a few
   * minutes after the next is issued), so one refresher must serve all workers. Connectors fall
   * back to per-process memory when absent (fine for a single process and for tests).
   */
  sharedCache?: SharedCache
  /**
   * Reads a file the hub stores (an agent's attachment, url `/api/media/…`): such urls need a
   * session to fetch over HTTP, so connectors that upload media to a provider read them here.
   */
  loadMedia?: (url: string) => Promise<FetchedMedia | null>
  /**
   * Answers a citizen's "check my case" on channels that cannot wait for an agent (the IVR reads
   * it out): the sentence to say for a case number, in the caller's language; undefined when the
   * case is unknown. `caller` is who asks (the caller's number on the IVR): the hub tells the
   * details only when it matches the citizen who filed the case. Filled by work orders.
   */
  caseLookup?: (caseNumber: string, language: string, caller?: CaseLookupCaller) => Promise<string | undefined>
}

export interface CaseLookupCaller {
  /** The channel id the question came in on. */
  channel: string
  /** The asker's id there (a phone number in E.164 on the IVR). */
  externalId: string
}

/** A small cross-process key/value store with expiring entries and a mutual-exclusion lock (Redis in the hub). */
export interface SharedCache {
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /** Runs `work` while holding the lock named `key`; other callers wait for it. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>
}

export interface ChannelConnector<Config = unknown> {
  readonly specificationVersion: typeof CONNECTOR_SPEC_VERSION
  /** Connector type, e.g. `webchat`, `wechat`. */
  readonly type: string
  /** Channel instance id from channels.config.ts (a hub can run two WeChat accounts). */
  readonly channelId: string
  readonly config: Config
  readonly capabilities: ConnectorCapabilities
  /** Check authenticity and shape cheaply; no side effects. */
  verify(request: InboundRequest): Promise<VerifyResult> | VerifyResult
  /** Turn a verified request into normalized events. Pure: no I/O. */
  parseInbound(request: InboundRequest): InboundEvent[]
  /** Deliver a message; throws ConnectorSendError on failure. */
  send(message: OutboundMessage): Promise<SendResult>
  /**
   * For channels that hold a connection open instead of receiving webhooks (a Wechaty bot, an
   * IMAP mailbox, an SMTP listener). The hub runs it in exactly one worker process per channel.
   * Inbound traffic goes through `context.enqueue` (verify is not called: the listener is the
   * authenticated end), then through `parseInbound` in a worker like any webhook.
   */
  listen?(context: ListenerContext): Promise<RunningListener>
  /**
   * Downloads media an inbound message referenced by a provider placeholder url (`wechat-media:…`,
   * `twilio-media:…`): the hub stores the bytes itself and rewrites the url, so nothing in the
   * inbox ever hotlinks a provider. Returns null for urls that are not this connector's.
   */
  fetchMedia?(url: string): Promise<FetchedMedia | null>
}

export interface FetchedMedia {
  bytes: Uint8Array
  mimeType: string
  name?: string
}

/** A channel's connection state, shown to admins (e.g. a login QR code to scan). */
export interface ConnectorStatus {
  state: 'starting' | 'waiting_for_login' | 'online' | 'offline' | 'error'
  detail?: string
  /** A login QR code's content (the admin UI renders it). */
  qrCode?: string
  /** Who the channel is logged in as. */
  account?: string
}

export interface ListenerContext {
  /** Durably enqueues a raw inbound request; resolves once stored (acknowledge the provider after it). */
  enqueue(request: InboundRequest): Promise<void>
  reportStatus(status: ConnectorStatus): Promise<void>
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

export interface RunningListener {
  stop(): Promise<void>
}

/** A send failure with enough detail for the worker to decide whether to retry. */
export class ConnectorSendError extends Error {
  readonly code: string
  readonly statusCode: number | undefined
  readonly isRetryable: boolean

  constructor(options: { code: string; message: string; statusCode?: number; isRetryable?: boolean; cause?: unknown }) {
    super(options.message, { cause: options.cause })
    this.name = 'ConnectorSendError'
    this.code = options.code
    this.statusCode = options.statusCode
    this.isRetryable =
      options.isRetryable ??
      (options.statusCode !== undefined &&
        (options.statusCode === 408 || options.statusCode === 409 || options.statusCode === 429 || options.statusCode >= 500))
  }
}

export type ConnectorFactory<Config> = (options: { channelId: string; config: Config; dependencies: ConnectorDependencies }) => ChannelConnector<Config>

/**
 * What a connector folder exports: its type, the zod schema of its entry in
 * channels.config.ts, and its factory. The registry in connectors/index.ts is a
 * map of these, so config validation and construction come from one place.
 */
export interface ConnectorDefinition<Schema extends ZodObject<{ type: ZodLiteral<string> }>> {
  type: z.output<Schema>['type']
  /** Validates this connector's channel entry (the shared `id`, `name`, `queue` fields are added by the hub). */
  configSchema: Schema
  create: ConnectorFactory<z.output<Schema>>
}
