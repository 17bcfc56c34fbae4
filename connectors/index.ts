/**
 * Every connector the hub knows, in one typed map. Adding a channel type means
 * adding one line here (and a folder of the same shape as connectors/webchat/).
 */
import { webchatConnector } from './webchat/index.js'
import { wechatConnector } from './wechat/index.js'
import { wechatyConnector } from './wechaty/index.js'

export const connectorRegistry = {
  webchat: webchatConnector,
  wechat: wechatConnector,
  wechaty: wechatyConnector,
} as const

export type ConnectorType = keyof typeof connectorRegistry
export * from './spec.js'
