/**
 * Authenticates a WeChat callback and opens it. Pure (the clock is the request's receivedAt).
 *
 * - GET  = URL verification: `signature` over token/timestamp/nonce, echo `echostr` (plaintext in every mode).
 * - POST = a push. Encrypted when the query says `encrypt_type=aes` (compatible and safe mode):
 *   `msg_signature` covers the Encrypt text, which is then decrypted; only the decrypted copy is
 *   trusted, even in compatible mode where plaintext fields ride alongside.
 *   Unencrypted (plaintext mode): `signature` only covers token/timestamp/nonce, NOT the body,
 *   so a captured query can be replayed with another body. Use safe mode in production, or at
 *   least `timestampToleranceSeconds`.
 */
import type { InboundRequest, VerifyResult } from '../spec.js'
import { parseWechatXml, WechatXmlError, type WechatXmlFields } from './parse-wechat-xml.js'
import { isValidMessageSignature, isValidUrlSignature } from './signature.js'
import type { WechatMode } from './wechat-config.js'
import { type WechatCipher, WechatCryptoError } from './wechat-crypto.js'

export type Refusal = Extract<VerifyResult, { ok: false }>

export interface OpenRequestSettings {
  token: string
  mode: WechatMode
  maxBodyBytes: number
  /** Present when an EncodingAESKey is configured. */
  cipher: WechatCipher | undefined
  timestampToleranceSeconds: number | undefined
}

export interface WechatQuery {
  signature: string | undefined
  timestamp: string | undefined
  nonce: string | undefined
  echostr: string | undefined
  encryptType: string | undefined
  msgSignature: string | undefined
}

export interface OpenedPush {
  fields: WechatXmlFields
  /** Whether the push came encrypted (then any reply must be encrypted too). */
  encrypted: boolean
  timestamp: string
  nonce: string
}

const TIMESTAMP_PATTERN = /^\d{1,12}$/
const ECHOSTR_PATTERN = /^[\x21-\x7E]{1,512}$/

export function readWechatQuery(url: string): WechatQuery {
  // Decoded exactly once; the base (never used) only lets URL parse a path-only value.
  const params = new URL(url, 'http://callback.invalid').searchParams
  const get = (name: string) => params.get(name) ?? undefined
  return {
    signature: get('signature'),
    timestamp: get('timestamp'),
    nonce: get('nonce'),
    echostr: get('echostr'),
    encryptType: get('encrypt_type'),
    msgSignature: get('msg_signature'),
  }
}

/** GET: answers WeChat's URL check with the echostr when the signature holds. */
export function verifyUrlCheck(request: InboundRequest, settings: OpenRequestSettings): VerifyResult {
  const query = readWechatQuery(request.url)
  if (!query.echostr) return refuse(400, 'echostr_missing', 'A WeChat URL check carries echostr.')
  if (!ECHOSTR_PATTERN.test(query.echostr)) return refuse(400, 'echostr_invalid', 'echostr has unexpected characters.')
  const timing = checkTiming(query, request.receivedAt, settings.timestampToleranceSeconds)
  if (timing) return timing
  const { timestamp, nonce } = query as { timestamp: string; nonce: string }
  if (!query.signature) return refuse(403, 'signature_missing', 'The signature parameter is missing.')
  if (!isValidUrlSignature({ token: settings.token, timestamp, nonce, signature: query.signature })) {
    return refuse(403, 'signature_mismatch', 'The signature does not match the configured token.')
  }
  return { ok: true, response: { status: 200, contentType: 'text/plain; charset=utf-8', body: query.echostr } }
}

/** POST: checks size, signature(s) and freshness, decrypts when needed, and parses the push. */
export function openWechatPush(
  request: InboundRequest,
  settings: OpenRequestSettings,
  options: { checkFreshness: boolean },
): { ok: true; push: OpenedPush } | Refusal {
  if (Buffer.byteLength(request.body, 'utf8') > settings.maxBodyBytes) {
    return refuse(413, 'payload_too_large', `WeChat callbacks are limited to ${settings.maxBodyBytes} bytes.`)
  }
  const query = readWechatQuery(request.url)
  const timing = checkTiming(query, request.receivedAt, options.checkFreshness ? settings.timestampToleranceSeconds : undefined)
  if (timing) return timing
  const { timestamp, nonce } = query as { timestamp: string; nonce: string }

  if (query.encryptType !== undefined && query.encryptType !== 'aes') {
    return refuse(400, 'unsupported_encrypt_type', `encrypt_type "${query.encryptType}" is not supported.`)
  }
  if (query.encryptType !== 'aes') {
    if (settings.mode === 'safe') return refuse(403, 'encryption_required', 'This channel only accepts encrypted pushes (safe mode).')
    if (!query.signature) return refuse(403, 'signature_missing', 'The signature parameter is missing.')
    if (!isValidUrlSignature({ token: settings.token, timestamp, nonce, signature: query.signature })) {
      return refuse(403, 'signature_mismatch', 'The signature does not match the configured token.')
    }
    const parsed = parse(request.body, settings.maxBodyBytes)
    return parsed.ok ? opened(parsed.fields, false, timestamp, nonce) : parsed
  }

  if (!settings.cipher) return refuse(400, 'encryption_not_configured', 'The push is encrypted but no encodingAESKey is configured.')
  if (!query.msgSignature) return refuse(403, 'signature_missing', 'The msg_signature parameter is missing.')
  // WeChat sends both; a present-but-wrong `signature` is as suspicious as a wrong msg_signature.
  if (query.signature && !isValidUrlSignature({ token: settings.token, timestamp, nonce, signature: query.signature })) {
    return refuse(403, 'signature_mismatch', 'The signature does not match the configured token.')
  }
  const envelope = parse(request.body, settings.maxBodyBytes)
  if (!envelope.ok) return envelope
  const encrypt = envelope.fields.Encrypt?.trim()
  if (!encrypt) return refuse(400, 'encrypt_missing', 'The encrypted push has no Encrypt element.')
  if (!isValidMessageSignature({ token: settings.token, timestamp, nonce, encrypt, signature: query.msgSignature })) {
    return refuse(403, 'signature_mismatch', 'The msg_signature does not match the configured token.')
  }
  let xml: string
  try {
    xml = settings.cipher.decrypt(encrypt)
  } catch (error) {
    if (error instanceof WechatCryptoError && error.code === 'appid_mismatch') {
      return refuse(403, 'appid_mismatch', 'The push was encrypted for another AppID.')
    }
    if (error instanceof WechatCryptoError) return refuse(400, 'decrypt_failed', `The push could not be decrypted (${error.code}).`)
    throw error
  }
  const parsed = parse(xml, settings.maxBodyBytes)
  return parsed.ok ? opened(parsed.fields, true, timestamp, nonce) : parsed
}

function opened(fields: WechatXmlFields, encrypted: boolean, timestamp: string, nonce: string): { ok: true; push: OpenedPush } | Refusal {
  if (!fields.FromUserName?.trim() || !fields.MsgType?.trim()) {
    return refuse(400, 'not_a_wechat_push', 'The XML lacks FromUserName or MsgType.')
  }
  return { ok: true, push: { fields, encrypted, timestamp, nonce } }
}

function parse(xml: string, maxBytes: number): { ok: true; fields: WechatXmlFields } | Refusal {
  try {
    return { ok: true, fields: parseWechatXml(xml, { maxBytes }) }
  } catch (error) {
    if (!(error instanceof WechatXmlError)) throw error
    if (error.code === 'too_large') return refuse(413, 'payload_too_large', error.message)
    return refuse(400, `xml_${error.code}`, error.message)
  }
}

function checkTiming(query: WechatQuery, receivedAt: Date, toleranceSeconds: number | undefined): Refusal | undefined {
  if (!query.timestamp || !query.nonce) return refuse(403, 'signature_missing', 'The timestamp and nonce parameters are required.')
  if (!TIMESTAMP_PATTERN.test(query.timestamp)) return refuse(400, 'timestamp_invalid', 'The timestamp must be seconds since the epoch.')
  if (toleranceSeconds === undefined) return undefined
  const skewSeconds = Math.abs(receivedAt.getTime() / 1000 - Number(query.timestamp))
  if (skewSeconds > toleranceSeconds) return refuse(403, 'timestamp_out_of_window', `The timestamp is more than ${toleranceSeconds} s from the hub's clock.`)
  return undefined
}

function refuse(status: Refusal['status'], code: string, message: string): Refusal {
  return { ok: false, status, code, message }
}
