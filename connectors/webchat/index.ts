import type { ConnectorDefinition } from '../spec.js'
import { webchatConfigSchema } from './webchat-config.js'
import { createWebchatConnector } from './webchat-connector.js'

export { visitorHandle } from './parse-webchat-frame.js'
export { type WebchatConfig, webchatConfigSchema } from './webchat-config.js'
export { createWebchatConnector, isWebchatConnector, VISITOR_LANGUAGE_HEADER, VISITOR_TOKEN_HEADER, type WebchatConnector } from './webchat-connector.js'

export const webchatConnector = {
  type: 'webchat',
  configSchema: webchatConfigSchema,
  create: createWebchatConnector,
} satisfies ConnectorDefinition<typeof webchatConfigSchema>
