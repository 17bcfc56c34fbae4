import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { V3, V4, V6 } from './__fixtures__/published-vectors.js'
import { aesKeyFrom, createWechatCipher, pad, unpad, WechatCryptoError } from './wechat-crypto.js'

const ascii = (text: string) => Buffer.from(text, 'ascii')

/** Encrypts raw bytes with a vector's key, bypassing the scheme, to build malformed payloads. */
function rawEncrypt(encodingAESKey: string, plain: Buffer): string {
  const key = aesKeyFrom(encodingAESKey)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

function cryptoErrorOf(run: () => unknown): WechatCryptoError {
  try {
    run()
  } catch (error) {
    if (error instanceof WechatCryptoError) return error
    throw new Error(`expected a WechatCryptoError, got ${String(error)}`)
  }
  throw new Error('expected a WechatCryptoError, nothing was thrown')
}

describe('WeChat AES scheme: published vectors', () => {
  it('V3: decrypts the official sample to the exact plaintext, newlines included', () => {
    const cipher = createWechatCipher({ encodingAESKey: V3.encodingAESKey, appId: V3.appId })
    expect(cipher.decrypt(V3.encrypt)).toBe(V3.plaintext)
  })

  it('V3: re-encrypting with the sample random prefix gives the published ciphertext (pad byte 0x02)', () => {
    const cipher = createWechatCipher({ encodingAESKey: V3.encodingAESKey, appId: V3.appId })
    expect(cipher.encrypt(V3.plaintext, ascii(V3.randomPrefix))).toBe(V3.encrypt)
    const plainLength = 16 + 4 + Buffer.byteLength(V3.plaintext) + V3.appId.length
    expect(32 - (plainLength % 32)).toBe(V3.padByte)
  })

  it('V4: encrypts Chinese text with the byte length, not the character length', () => {
    const cipher = createWechatCipher({ encodingAESKey: V4.encodingAESKey, appId: V4.appId })
    expect(cipher.encrypt(V4.replyMsg, ascii(V4.random))).toBe(V4.cipher)
    expect(cipher.encrypt(V4.replyMsg2, ascii(V4.random))).toBe(V4.cipher2)
    expect(cipher.decrypt(V4.cipher)).toBe(V4.replyMsg)
    expect(cipher.decrypt(V4.cipher2)).toBe(V4.replyMsg2)
  })

  it('V6: the all-"A" key is 32 zero bytes and decrypts the walk-through push', () => {
    expect(aesKeyFrom(V6.encodingAESKey)).toEqual(Buffer.alloc(32))
    const cipher = createWechatCipher({ encodingAESKey: V6.encodingAESKey, appId: V6.appId })
    const plaintext = cipher.decrypt(V6.encrypt)
    expect(plaintext).toBe(V6.plaintext)
    expect(Buffer.byteLength(plaintext)).toBe(V6.plaintextBytes)
  })

  it('V6: encrypts the walk-through reply with its fixed random prefix', () => {
    const cipher = createWechatCipher({ encodingAESKey: V6.encodingAESKey, appId: V6.appId })
    expect(cipher.encrypt(V6.reply.plaintext, ascii(V6.reply.random))).toBe(V6.reply.encrypt)
  })

  it('uses the injected random source when no prefix is given', () => {
    const cipher = createWechatCipher({ encodingAESKey: V4.encodingAESKey, appId: V4.appId, randomBytes: (size) => ascii(V4.random).subarray(0, size) })
    expect(cipher.encrypt(V4.replyMsg)).toBe(V4.cipher)
  })

  it('round-trips with real randomness, and two encryptions differ', () => {
    const cipher = createWechatCipher({ encodingAESKey: V3.encodingAESKey, appId: V3.appId })
    const first = cipher.encrypt('<xml><Content><![CDATA[办理进度]]></Content></xml>')
    const second = cipher.encrypt('<xml><Content><![CDATA[办理进度]]></Content></xml>')
    expect(first).not.toBe(second)
    expect(cipher.decrypt(first)).toBe('<xml><Content><![CDATA[办理进度]]></Content></xml>')
  })
})

describe('WeChat AES scheme: rejections', () => {
  const cipher = createWechatCipher({ encodingAESKey: V3.encodingAESKey, appId: V3.appId })

  it('rejects a payload meant for another AppID', () => {
    const other = createWechatCipher({ encodingAESKey: V3.encodingAESKey, appId: 'wx0000000000000000' })
    expect(cryptoErrorOf(() => other.decrypt(V3.encrypt)).code).toBe('appid_mismatch')
  })

  it('rejects a tampered pad byte (flipped through the previous 16-byte AES block)', () => {
    for (const mask of [0x01, 0x40]) {
      const bytes = Buffer.from(V3.encrypt, 'base64')
      bytes[bytes.length - 17] = (bytes[bytes.length - 17] ?? 0) ^ mask
      expect(cryptoErrorOf(() => cipher.decrypt(bytes.toString('base64'))).code).toBe('invalid_padding')
    }
  })

  it('turns a garbled last block into a typed error, never a raw crypto error', () => {
    const bytes = Buffer.from(V3.encrypt, 'base64')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff
    expect(['invalid_padding', 'invalid_length', 'appid_mismatch', 'invalid_utf8']).toContain(
      cryptoErrorOf(() => cipher.decrypt(bytes.toString('base64'))).code,
    )
  })

  it('rejects padding of zero and padding with inconsistent bytes', () => {
    const zeroPadded = Buffer.concat([Buffer.alloc(16, 0x61), Buffer.alloc(16, 0)])
    expect(cryptoErrorOf(() => cipher.decrypt(rawEncrypt(V3.encodingAESKey, zeroPadded))).code).toBe('invalid_padding')
    const inconsistent = Buffer.concat([Buffer.alloc(29, 0x61), Buffer.from([0x01, 0x03, 0x03])])
    expect(cryptoErrorOf(() => cipher.decrypt(rawEncrypt(V3.encodingAESKey, inconsistent))).code).toBe('invalid_padding')
  })

  it('rejects a declared length beyond the payload', () => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(9999)
    const plain = pad(Buffer.concat([Buffer.alloc(16, 0x61), length, Buffer.from('<xml/>'), Buffer.from(V3.appId)]))
    expect(cryptoErrorOf(() => cipher.decrypt(rawEncrypt(V3.encodingAESKey, plain))).code).toBe('invalid_length')
  })

  it('rejects a payload shorter than its header', () => {
    const plain = pad(Buffer.alloc(10, 0x61))
    expect(cryptoErrorOf(() => cipher.decrypt(rawEncrypt(V3.encodingAESKey, plain))).code).toBe('invalid_length')
  })

  it('rejects ciphertext that is not whole 32-byte blocks, and text that is not base64', () => {
    expect(cryptoErrorOf(() => cipher.decrypt(Buffer.alloc(16).toString('base64'))).code).toBe('invalid_length')
    expect(cryptoErrorOf(() => cipher.decrypt(Buffer.alloc(48).toString('base64'))).code).toBe('invalid_length')
    expect(cryptoErrorOf(() => cipher.decrypt('not base64!')).code).toBe('invalid_base64')
    expect(cryptoErrorOf(() => cipher.decrypt('')).code).toBe('invalid_base64')
  })

  it('rejects a message that is not UTF-8', () => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(2)
    const plain = pad(Buffer.concat([Buffer.alloc(16, 0x61), length, Buffer.from([0xc3, 0x28]), Buffer.from(V3.appId)]))
    expect(cryptoErrorOf(() => cipher.decrypt(rawEncrypt(V3.encodingAESKey, plain))).code).toBe('invalid_utf8')
  })

  it('rejects malformed keys and random prefixes', () => {
    expect(cryptoErrorOf(() => aesKeyFrom('short')).code).toBe('invalid_aes_key')
    expect(cryptoErrorOf(() => aesKeyFrom(`${V3.encodingAESKey.slice(0, 42)}-`)).code).toBe('invalid_aes_key')
    expect(cryptoErrorOf(() => cipher.encrypt('<xml/>', new Uint8Array(15))).code).toBe('invalid_random')
  })
})

describe('PKCS#7 with 32-byte blocks', () => {
  it('pads 1..32 bytes, a whole block when already aligned', () => {
    expect(pad(Buffer.alloc(31)).subarray(-1)).toEqual(Buffer.from([1]))
    const aligned = pad(Buffer.alloc(32))
    expect(aligned.length).toBe(64)
    expect(aligned.subarray(32)).toEqual(Buffer.alloc(32, 32))
    expect(pad(Buffer.alloc(17)).length).toBe(32)
  })

  it('unpads what it padded', () => {
    for (const size of [0, 1, 16, 31, 32, 33]) {
      const plain = Buffer.alloc(size, 7)
      expect(unpad(pad(plain))).toEqual(plain)
    }
  })
})
