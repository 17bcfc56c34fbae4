/**
 * Code the Twilio-backed connectors (sms, voice) share. Not a connector itself: no definition here.
 */
export { createFetchRequestClient, encodeForm, type FetchRequestClientOptions, TwilioNetworkError } from './fetch-request-client.js'
export { DEFAULT_MAX_WEBHOOK_BYTES, openTwilioRequest, readTwilioParams, SIGNATURE_HEADER, type TwilioRequestSettings } from './open-twilio-request.js'
export { createTwilioClient, type TwilioClient, type TwilioClientOptions } from './twilio-client.js'
export {
  accountSidSchema,
  apiBaseUrlSchema,
  authTokenEnvSchema,
  E164_PATTERN,
  e164Schema,
  publicBaseUrlSchema,
  readAuthToken,
  TWILIO_DEFAULT_API_BASE_URL,
} from './twilio-config-fields.js'
export { twilioSendError } from './twilio-error.js'
export { integerParam, param, parseTwilioForm, type TwilioParams } from './twilio-form.js'
export {
  type DownloadedTwilioMedia,
  downloadTwilioMedia,
  TWILIO_MEDIA_URL_PREFIX,
  TwilioMediaError,
  twilioMediaSource,
  twilioMediaUrl,
} from './twilio-media.js'
export { isValidTwilioSignature, signatureUrl } from './twilio-signature.js'
export { requestQuery, TWILIO_WEBHOOK_PREFIX, type TwilioWebhookRoute, twilioWebhookRoute, twilioWebhookUrl } from './twilio-webhook-urls.js'
export { emptyTwimlResponse, TWIML_CONTENT_TYPE, twimlResponse } from './twiml-response.js'
