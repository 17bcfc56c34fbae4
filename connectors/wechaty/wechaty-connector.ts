import { type OfficialPuppetNpmName, type Wechaty, WechatyBuilder, type WechatyOptions } from 'wechaty'
import {
  type ChannelConnector,
  CONNECTOR_SPEC_VERSION,
  type ConnectorFactory,
  ConnectorSendError,
  type ConnectorStatus,
  type FetchedMedia,
  type InboundRequest,
  type ListenerContext,
  type RunningListener,
  type VerifyResult,
} from '../spec.js'
import { downloadWechatyFile } from './download-wechaty-file.js'
import { mapWechatyMessage } from './map-wechaty-message.js'
import { sendWechatyMessage, WECHATY_MAX_TEXT_LENGTH } from './send-wechaty-message.js'
import { startWechatyListener, type WechatyListener } from './start-wechaty-listener.js'
import { WECHATY_PUPPETS_NEEDING_TOKEN, type WechatyConfig } from './wechaty-config.js'
import { messageIdFromWechatyFileUrl } from './wechaty-file-url.js'
import { readWechatySnapshot } from './wechaty-message-snapshot.js'

/** A puppet instance, as Wechaty accepts it (e.g. a `PuppetMock`). */
export type WechatyPuppet = Exclude<NonNullable<WechatyOptions['puppet']>, string>

/**
 * The Wechaty bridge: a personal or WeCom account driven through a Wechaty puppet. It has no
 * webhook: `listen` runs the bot (in one worker per channel), and `send`/`fetchMedia` only work
 * in the process that runs it.
 */
export interface WechatyConnector extends ChannelConnector<WechatyConfig> {
  readonly type: 'wechaty'
  /** Always refuses: this channel has no webhook. */
  verify(request: InboundRequest): VerifyResult
  listen(context: ListenerContext): Promise<RunningListener>
  /** The connection state last reported by this process's listener (`offline` when none runs). */
  status(): ConnectorStatus
  /** Downloads a `wechaty-file:` attachment through the running bot (null for other urls). */
  fetchMedia(url: string): Promise<FetchedMedia | null>
}

export interface WechatyFactoryExtras {
  /** Where `puppetTokenEnv` is looked up (default: process.env). */
  environment?: Readonly<Record<string, string | undefined>>
  /** Supplies the puppet instance instead of resolving `config.puppet` by npm name (tests pass a `PuppetMock`). */
  createPuppet?: () => WechatyPuppet
}

export const createWechatyConnector: ConnectorFactory<WechatyConfig> = (options) => createWechatyConnectorWith(options)

export function createWechatyConnectorWith({
  channelId,
  config,
  dependencies,
  environment = process.env,
  createPuppet,
}: Parameters<ConnectorFactory<WechatyConfig>>[0] & WechatyFactoryExtras): WechatyConnector {
  const token = config.puppetTokenEnv ? environment[config.puppetTokenEnv] : undefined
  if (config.puppetTokenEnv && !token) {
    throw new TypeError(`Channel "${channelId}": the puppet token is missing. Set the ${config.puppetTokenEnv} environment variable (named by puppetTokenEnv).`)
  }
  if (!createPuppet && !token && WECHATY_PUPPETS_NEEDING_TOKEN.includes(config.puppet)) {
    throw new TypeError(`Channel "${channelId}": ${config.puppet} needs a token; set puppetTokenEnv to the name of the environment variable holding it.`)
  }

  const buildBot = (): Wechaty => {
    const name = config.botName ? { name: config.botName } : {}
    if (createPuppet) return WechatyBuilder.build({ ...name, puppet: createPuppet() })
    return WechatyBuilder.build({
      ...name,
      // Wechaty types the name as one of its official puppets, but imports any npm name it is given.
      puppet: config.puppet as OfficialPuppetNpmName,
      puppetOptions: { ...config.puppetOptions, ...(token ? { token } : {}) },
    })
  }

  let listener: WechatyListener | undefined
  let starting = false
  let currentStatus: ConnectorStatus = { state: 'offline' }

  /** The bot, when this process runs it and it is logged in; otherwise why not. */
  const availableBot = (): { bot: Wechaty } | { problem: string } => {
    if (!listener) return { problem: 'The Wechaty bot is not running in this process.' }
    return listener.isLoggedIn() ? { bot: listener.bot } : { problem: 'The Wechaty bot is not logged in.' }
  }

  const connector: WechatyConnector = {
    specificationVersion: CONNECTOR_SPEC_VERSION,
    type: 'wechaty',
    channelId,
    config,
    capabilities: {
      messageTypes: ['text'],
      typingIndicator: false,
      deliveryReceipts: false,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: WECHATY_MAX_TEXT_LENGTH,
    },

    verify() {
      return {
        ok: false,
        status: 400,
        code: 'webhook_not_supported',
        message: 'Wechaty channels have no webhook: messages arrive through the running bot.',
      }
    },

    parseInbound(request) {
      const snapshot = readWechatySnapshot(request)
      return snapshot ? mapWechatyMessage(snapshot) : []
    },

    async send(message) {
      const available = availableBot()
      if ('problem' in available) {
        // Retryable: the bot may be starting, reconnecting or waiting for an admin to scan its QR code.
        throw new ConnectorSendError({ code: 'not_logged_in', message: available.problem, statusCode: 503, isRetryable: true })
      }
      return sendWechatyMessage(available.bot, message)
    },

    async listen(context) {
      if (listener || starting) throw new Error(`Channel "${channelId}": the Wechaty bot is already running.`)
      starting = true
      let started: WechatyListener
      try {
        started = await startWechatyListener({
          channelId,
          config,
          bot: buildBot(),
          context,
          now: dependencies.now,
          onStatus: (status) => {
            currentStatus = status
          },
        })
      } finally {
        starting = false
      }
      listener = started
      return {
        async stop() {
          if (listener === started) listener = undefined
          await started.stop()
        },
      }
    },

    status() {
      return currentStatus
    },

    async fetchMedia(url) {
      if (!messageIdFromWechatyFileUrl(url)) return null
      const available = availableBot()
      if ('problem' in available) throw new Error(available.problem)
      return downloadWechatyFile(available.bot, url)
    },
  }
  return connector
}

export function isWechatyConnector(connector: ChannelConnector): connector is WechatyConnector {
  return connector.type === 'wechaty'
}
