/**
 * WeChat's two request signatures: sha1 over the lexicographically sorted, concatenated parts.
 * - `signature`     = sha1(sort[token, timestamp, nonce])           (URL check and every POST)
 * - `msg_signature` = sha1(sort[token, timestamp, nonce, Encrypt])  (encrypted POSTs and replies)
 */
import { createHash, timingSafeEqual } from 'node:crypto'

export function computeSignature(parts: readonly string[]): string {
  // Plain code-unit sort, exactly what WeChat does; no locale compare.
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex')
}

export interface SignatureParams {
  token: string
  timestamp: string
  nonce: string
}

export function urlSignature(params: SignatureParams): string {
  return computeSignature([params.token, params.timestamp, params.nonce])
}

export function messageSignature(params: SignatureParams & { encrypt: string }): string {
  return computeSignature([params.token, params.timestamp, params.nonce, params.encrypt])
}

export function isValidUrlSignature(params: SignatureParams & { signature: string }): boolean {
  return signaturesMatch(urlSignature(params), params.signature)
}

export function isValidMessageSignature(params: SignatureParams & { encrypt: string; signature: string }): boolean {
  return signaturesMatch(messageSignature(params), params.signature)
}

/** Constant-time comparison of hex digests (case-insensitive, as some SDKs send upper case). */
export function signaturesMatch(expected: string, given: string): boolean {
  const expectedBytes = Buffer.from(expected.toLowerCase())
  const givenBytes = Buffer.from(given.toLowerCase())
  if (expectedBytes.length !== givenBytes.length) return false
  return timingSafeEqual(expectedBytes, givenBytes)
}
