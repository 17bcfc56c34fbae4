import type { ConnectorDefinition } from '../spec.js'
import { wechatyConfigSchema } from './wechaty-config.js'
import { createWechatyConnector } from './wechaty-connector.js'

export { WECHATY_MAX_DOWNLOAD_BYTES } from './download-wechaty-file.js'
export { mapWechatyMessage } from './map-wechaty-message.js'
export { acceptsWechatyMessage } from './room-filter.js'
export { WECHATY_MAX_TEXT_LENGTH } from './send-wechaty-message.js'
export { WECHATY_PUPPETS_NEEDING_TOKEN, type WechatyConfig, type WechatyRoomPolicy, wechatyConfigSchema } from './wechaty-config.js'
export {
  createWechatyConnector,
  createWechatyConnectorWith,
  isWechatyConnector,
  type WechatyConnector,
  type WechatyFactoryExtras,
  type WechatyPuppet,
} from './wechaty-connector.js'
export { messageIdFromWechatyFileUrl, WECHATY_FILE_URL_PREFIX, wechatyFileUrl } from './wechaty-file-url.js'
export {
  readWechatySnapshot,
  WECHATY_LISTEN_METHOD,
  WECHATY_LISTEN_URL,
  type WechatyMessageSnapshot,
  wechatyListenRequest,
  wechatyMessageSnapshotSchema,
} from './wechaty-message-snapshot.js'
export { parseWechatyRecipient, WECHATY_ROOM_PREFIX, type WechatyRecipient, wechatyRoomExternalId } from './wechaty-recipient.js'

export const wechatyConnector = {
  type: 'wechaty',
  configSchema: wechatyConfigSchema,
  create: createWechatyConnector,
} satisfies ConnectorDefinition<typeof wechatyConfigSchema>
