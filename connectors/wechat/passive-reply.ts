/**
 * Passive replies: the synchronous HTTP answer to a WeChat push (within 5 s).
 * `success` means "no reply" (anything else that is not valid reply XML makes WeChat show
 * the citizen "该公众号暂时无法提供服务"). In safe mode the reply XML travels inside the
 * encrypted envelope, signed with msg_signature.
 */
import type { ProviderResponse } from '../spec.js'
import { messageSignature } from './signature.js'
import type { WechatCipher } from './wechat-crypto.js'

export const NO_REPLY_BODY = 'success'

/** The answer when there is nothing to say; valid in every mode, never encrypted. */
export function noReplyResponse(): ProviderResponse {
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: NO_REPLY_BODY }
}

export function xmlResponse(body: string): ProviderResponse {
  return { status: 200, contentType: 'application/xml; charset=utf-8', body }
}

export interface TextReply {
  /** The citizen's OpenID (the inbound FromUserName). */
  toUser: string
  /** The Official Account's id (the inbound ToUserName). */
  fromUser: string
  /** Seconds since the epoch. */
  createTime: number
  content: string
}

export function buildTextReplyXml(reply: TextReply): string {
  return (
    `<xml><ToUserName>${cdata(reply.toUser)}</ToUserName><FromUserName>${cdata(reply.fromUser)}</FromUserName>` +
    `<CreateTime>${Math.floor(reply.createTime)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(reply.content)}</Content></xml>`
  )
}

export interface EncryptedEnvelopeOptions {
  cipher: WechatCipher
  token: string
  /** Seconds since the epoch, as a string of digits. */
  timestamp: string
  nonce: string
  /** Fixed random prefix, for reproducible tests only. */
  random?: Uint8Array
}

/** Encrypts reply XML and wraps it in `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
export function buildEncryptedReplyXml(replyXml: string, options: EncryptedEnvelopeOptions): string {
  const encrypt = options.cipher.encrypt(replyXml, options.random)
  const signature = messageSignature({ token: options.token, timestamp: options.timestamp, nonce: options.nonce, encrypt })
  return (
    `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>` +
    `<TimeStamp>${options.timestamp}</TimeStamp><Nonce>${cdata(options.nonce)}</Nonce></xml>`
  )
}

// Characters XML 1.0 forbids even inside CDATA.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVALID_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** A CDATA section that stays one even when the text contains `]]>`. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML_CHARACTERS, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}
