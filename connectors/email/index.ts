import type { ConnectorDefinition } from '../spec.js'
import { emailConfigSchema } from './email-config.js'
import { createEmailConnector } from './email-connector.js'

export { type AcceptedEmail, acceptRawEmail, EmailParseError } from './accept-raw-email.js'
export {
  createEmailAttachmentStore,
  EMAIL_ATTACHMENT_URL_PREFIX,
  type EmailAttachmentStore,
  emailAttachmentUrl,
  sha256FromEmailAttachmentUrl,
} from './attachment-store.js'
export { buildOutboundEmail, type OutboundEmail, textToHtml } from './build-outbound-email.js'
export { describeFailure, failedRecipient, originalMessageId, parseDeliveryStatus } from './delivery-report.js'
export { domainOf, isSystemSender, matchChannelAddress, normalizeAddress, plusAddress } from './email-address.js'
export { EMAIL_DEFAULT_MAX_MESSAGE_BYTES, EMAIL_DEFAULT_SMTP_PORT, type EmailConfig, emailConfigProblems, emailConfigSchema } from './email-config.js'
export {
  createEmailConnector,
  createEmailConnectorWith,
  createImapFlowClient,
  EMAIL_MAX_TEXT_LENGTH,
  type EmailConnector,
  type EmailFactoryExtras,
  isEmailConnector,
} from './email-connector.js'
export { EMAIL_LISTEN_METHOD, EMAIL_LISTEN_URL, type EmailSnapshot, emailListenRequest, emailSnapshotSchema, readEmailSnapshot } from './email-snapshot.js'
export { type ImapClient, type ImapPoller, imapPositionKey, startImapPoller } from './imap-poller.js'
export { classifyEmail, type EmailClass, type NoiseReason } from './mail-guards.js'
export { type EmailInboundMessage, mapEmailInbound } from './map-email-inbound.js'
export { parseEmail } from './parse-email.js'
export { sanitizeEmailHtml } from './sanitize-email-html.js'
export { type EmailTransport, sendEmailMessage } from './send-email-message.js'
export { type SmtpListener, startSmtpListener } from './smtp-listener.js'
export { mapSmtpSendError } from './smtp-send-error.js'
export { stripQuotedReply } from './strip-quoted-reply.js'
export {
  conversationToken,
  fallbackExternalId,
  normalizeMessageId,
  normalizeSubject,
  outboundMessageId,
  parseMessageIdList,
  replyReferences,
  replySubject,
  threadReferences,
  tokenFromSubject,
} from './thread-key.js'

export const emailConnector = {
  type: 'email',
  configSchema: emailConfigSchema,
  create: createEmailConnector,
} satisfies ConnectorDefinition<typeof emailConfigSchema>
