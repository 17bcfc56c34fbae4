import type { ConnectorDefinition } from '../spec.js'
import { smsConfigSchema } from './sms-config.js'
import { createSmsConnector } from './sms-connector.js'

export { mapSmsInbound } from './map-sms-inbound.js'
export { mapSmsStatusCallback, mapTwilioMessageStatus } from './map-sms-status.js'
export { TWILIO_MAX_BODY_LENGTH } from './send-sms-message.js'
export { DEFAULT_SMS_KEYWORDS, DEFAULT_SMS_REPLIES, type SmsConfig, smsConfigProblems, smsConfigSchema } from './sms-config.js'
export { createSmsConnector, createSmsConnectorWith, isSmsConnector, type SmsConnector, type SmsFactoryExtras } from './sms-connector.js'
export { detectSmsKeyword, keywordReplyText, normalizeKeyword, type SmsKeywordKind, type SmsKeywordMatch, type SmsKeywordSets } from './sms-keywords.js'
export { countSmsSegments, isGsm7, type SmsEncoding, type SmsSegmentCount } from './sms-segments.js'

export const smsConnector = {
  type: 'sms',
  configSchema: smsConfigSchema,
  create: createSmsConnector,
} satisfies ConnectorDefinition<typeof smsConfigSchema>
