import type { ConnectorDefinition } from '../spec.js'
import { wechatConfigSchema } from './wechat-config.js'
import { createWechatConnector } from './wechat-connector.js'

export {
  type AccessTokenStore,
  type CachedAccessToken,
  createMemoryAccessTokenStore,
  createSharedAccessTokenStore,
  DEFAULT_REFRESH_MARGIN_SECONDS,
  shouldRefreshAccessToken,
} from './access-token-store.js'
export { NO_REPLY_BODY } from './passive-reply.js'
export type { CustomMessage, DownloadedMedia, MediaType, TemplateMessage, WechatApi } from './wechat-api.js'
export { WECHAT_DEFAULT_API_BASE_URL, WECHAT_KNOWN_INTENTS, type WechatConfig, wechatConfigSchema } from './wechat-config.js'
export {
  accessTokenCacheKey,
  createWechatConnector,
  createWechatConnectorWith,
  isWechatConnector,
  type WechatConnector,
  type WechatFactoryExtras,
} from './wechat-connector.js'
export { mediaIdFromUrl, WECHAT_MEDIA_URL_PREFIX, wechatMediaUrl } from './wechat-media-url.js'

export const wechatConnector = {
  type: 'wechat',
  configSchema: wechatConfigSchema,
  create: createWechatConnector,
} satisfies ConnectorDefinition<typeof wechatConfigSchema>
