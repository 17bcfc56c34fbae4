/**
 * Every connector the hub knows, in one typed map. Adding a channel type means
 * adding one line here (and a folder of the same shape as connectors/webchat/).
 */
import { emailConnector } from './email/index.js'
import { smsConnector } from './sms/index.js'
import { voiceConnector } from './voice/index.js'
import { webchatConnector } from './webchat/index.js'
import { wechatConnector } from './wechat/index.js'
import { wechatyConnector } from './wechaty/index.js'

export const connectorRegistry = {
  webchat: webchatConnector,
  wechat: wechatConnector,
  wechaty: wechatyConnector,
  sms: smsConnector,
  voice: voiceConnector,
  email: emailConnector,
} as const

export type ConnectorType = keyof typeof connectorRegistry
export * from './spec.js'
