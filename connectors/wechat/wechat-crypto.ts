/**
 * WeChat's message encryption (安全模式), byte for byte as the official samples do it:
 *
 *   key   = base64(EncodingAESKey + "="), 32 bytes;  iv = key[0..16]
 *   plain = random(16) ‖ uint32_be(byteLength(xml)) ‖ xml ‖ appId
 *   Encrypt = base64(AES-256-CBC(key, iv, plain ‖ PKCS#7 padding to a 32-byte block))
 *
 * Node's own padding works on 16-byte blocks, so it is off and padding is done here.
 * Every failure is a WechatCryptoError with a code; raw OpenSSL errors never escape.
 */
import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto'

const BLOCK_SIZE = 32
const RANDOM_PREFIX_BYTES = 16
const LENGTH_BYTES = 4
const HEADER_BYTES = RANDOM_PREFIX_BYTES + LENGTH_BYTES
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/

export type WechatCryptoErrorCode =
  | 'invalid_aes_key'
  | 'invalid_base64'
  | 'invalid_length'
  | 'decrypt_failed'
  | 'encrypt_failed'
  | 'invalid_padding'
  | 'invalid_utf8'
  | 'appid_mismatch'
  | 'invalid_random'

export class WechatCryptoError extends Error {
  override name = 'WechatCryptoError'
  readonly code: WechatCryptoErrorCode

  constructor(code: WechatCryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

export interface WechatCipher {
  /** Decrypts an `Encrypt` value and checks it was meant for this AppID. */
  decrypt(encrypted: string): string
  /** Encrypts a reply; `random` (16 bytes) is injectable so tests can reproduce published vectors. */
  encrypt(xml: string, random?: Uint8Array): string
}

export function createWechatCipher(options: { encodingAESKey: string; appId: string; randomBytes?: (size: number) => Uint8Array }): WechatCipher {
  const key = aesKeyFrom(options.encodingAESKey)
  const iv = key.subarray(0, 16)
  const appId = Buffer.from(options.appId, 'utf8')
  const random = options.randomBytes ?? nodeRandomBytes

  return {
    decrypt(encrypted) {
      const plain = unpad(aes('decrypt', key, iv, decodeBase64(encrypted)))
      if (plain.length < HEADER_BYTES) throw new WechatCryptoError('invalid_length', 'The decrypted payload is shorter than its header.')
      const xmlLength = plain.readUInt32BE(RANDOM_PREFIX_BYTES)
      if (HEADER_BYTES + xmlLength > plain.length) {
        throw new WechatCryptoError('invalid_length', 'The declared message length exceeds the decrypted payload.')
      }
      const xmlBytes = plain.subarray(HEADER_BYTES, HEADER_BYTES + xmlLength)
      const receivedAppId = plain.subarray(HEADER_BYTES + xmlLength)
      if (!receivedAppId.equals(appId)) throw new WechatCryptoError('appid_mismatch', 'The message was encrypted for another AppID.')
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(xmlBytes)
      } catch (error) {
        throw new WechatCryptoError('invalid_utf8', 'The decrypted message is not valid UTF-8.', { cause: error })
      }
    },

    encrypt(xml, prefix = random(RANDOM_PREFIX_BYTES)) {
      if (prefix.length !== RANDOM_PREFIX_BYTES) throw new WechatCryptoError('invalid_random', `The random prefix must be ${RANDOM_PREFIX_BYTES} bytes.`)
      const xmlBytes = Buffer.from(xml, 'utf8')
      const length = Buffer.alloc(LENGTH_BYTES)
      length.writeUInt32BE(xmlBytes.length)
      const plain = pad(Buffer.concat([prefix, length, xmlBytes, appId]))
      return aes('encrypt', key, iv, plain).toString('base64')
    },
  }
}

/** `base64(EncodingAESKey + "=")` must give exactly 32 bytes. */
export function aesKeyFrom(encodingAESKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAESKey)) throw new WechatCryptoError('invalid_aes_key', 'EncodingAESKey must be 43 letters or digits.')
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  if (key.length !== 32) throw new WechatCryptoError('invalid_aes_key', 'EncodingAESKey does not decode to a 32-byte AES key.')
  return key
}

/** PKCS#7 with WeChat's 32-byte block: 1–32 bytes, a full block when already aligned. */
export function pad(plain: Buffer): Buffer {
  const amount = BLOCK_SIZE - (plain.length % BLOCK_SIZE)
  return Buffer.concat([plain, Buffer.alloc(amount, amount)])
}

export function unpad(padded: Buffer): Buffer {
  const amount = padded.at(-1) ?? 0
  if (amount < 1 || amount > BLOCK_SIZE || amount > padded.length) throw new WechatCryptoError('invalid_padding', 'The padding length is out of range.')
  for (let index = padded.length - amount; index < padded.length; index++) {
    if (padded[index] !== amount) throw new WechatCryptoError('invalid_padding', 'The padding bytes are inconsistent.')
  }
  return padded.subarray(0, padded.length - amount)
}

function decodeBase64(encrypted: string): Buffer {
  const text = encrypted.trim()
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) throw new WechatCryptoError('invalid_base64', 'Encrypt is not valid base64.')
  const bytes = Buffer.from(text, 'base64')
  if (bytes.length === 0 || bytes.length % BLOCK_SIZE !== 0) {
    throw new WechatCryptoError('invalid_length', `The ciphertext is not a whole number of ${BLOCK_SIZE}-byte blocks.`)
  }
  return bytes
}

function aes(direction: 'encrypt' | 'decrypt', key: Buffer, iv: Buffer, input: Buffer): Buffer {
  try {
    const cipher = direction === 'encrypt' ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv)
    cipher.setAutoPadding(false)
    return Buffer.concat([cipher.update(input), cipher.final()])
  } catch (error) {
    throw new WechatCryptoError(`${direction}_failed`, `AES ${direction}ion failed.`, { cause: error })
  }
}
