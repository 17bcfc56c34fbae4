/** TwiML answers. Twilio wants `text/xml` even for "nothing to do" (an empty body is error 11200). */
import twilio from 'twilio'
import type { ProviderResponse } from '../spec.js'

export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8'

export function twimlResponse(xml: string): ProviderResponse {
  return { status: 200, contentType: TWIML_CONTENT_TYPE, body: xml }
}

/** `<?xml version="1.0" encoding="UTF-8"?><Response/>`: acknowledge, reply nothing. */
export function emptyTwimlResponse(): ProviderResponse {
  return twimlResponse(new twilio.twiml.MessagingResponse().toString())
}
