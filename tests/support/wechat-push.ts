/**
 * Builds WeChat server pushes exactly as WeChat's servers do (URL signature, and for safe
 * mode the AES envelope with msg_signature), written from the published algorithm with
 * Node's crypto, independently of the hub's own connector code.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

export interface WechatAccount {
  appId: string
  token: string
  encodingAESKey: string
  /** The Official Account's original id (gh_…), the ToUserName of every push. */
  originalId: string
}

const sha1 = (parts: string[]) =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex')

function pkcs7Pad32(data: Buffer): Buffer {
  const pad = 32 - (data.length % 32)
  return Buffer.concat([data, Buffer.alloc(pad, pad)])
}

export function encryptForWechat(account: WechatAccount, xml: string): string {
  const key = Buffer.from(`${account.encodingAESKey}=`, 'base64')
  const message = Buffer.from(xml, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(message.length)
  const plain = pkcs7Pad32(Buffer.concat([randomBytes(16), length, message, Buffer.from(account.appId, 'utf8')]))
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

export function textXml(fields: Record<string, string | number>): string {
  const children = Object.entries(fields)
    .map(([name, value]) => (typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}><![CDATA[${value}]]></${name}>`))
    .join('')
  return `<xml>${children}</xml>`
}

export interface SignedPush {
  /** Path and query to POST to. */
  path: string
  body: string
}

/** A push as WeChat sends it: plaintext (signature only) or safe mode (encrypted, msg_signature). */
export function signedPush(
  account: WechatAccount,
  channelId: string,
  xml: string,
  options: { mode: 'plaintext' | 'safe'; timestamp?: number; nonce?: string; openid?: string },
): SignedPush {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE())
  const query = new URLSearchParams({ signature: sha1([account.token, timestamp, nonce]), timestamp, nonce })
  if (options.openid) query.set('openid', options.openid)
  if (options.mode === 'plaintext') return { path: `/webhooks/wechat/${channelId}?${query}`, body: xml }
  const encrypted = encryptForWechat(account, xml)
  query.set('encrypt_type', 'aes')
  query.set('msg_signature', sha1([account.token, timestamp, nonce, encrypted]))
  return {
    path: `/webhooks/wechat/${channelId}?${query}`,
    body: `<xml><ToUserName><![CDATA[${account.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  }
}

/** The GET WeChat sends when an admin saves the server URL in the console. */
export function urlCheck(account: WechatAccount, channelId: string, echostr: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = '1320562132'
  const query = new URLSearchParams({ signature: sha1([account.token, timestamp, nonce]), timestamp, nonce, echostr })
  return `/webhooks/wechat/${channelId}?${query}`
}

/** Opens an encrypted passive reply the way WeChat's servers would (for asserting what citizens get). */
export function decryptFromWechat(account: WechatAccount, encrypted: string): string {
  const key = Buffer.from(`${account.encodingAESKey}=`, 'base64')
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
  const unpadded = plain.subarray(0, plain.length - (plain[plain.length - 1] ?? 0))
  const length = unpadded.readUInt32BE(16)
  const appId = unpadded.subarray(20 + length).toString('utf8')
  if (appId !== account.appId) throw new Error(`reply encrypted for ${appId}, expected ${account.appId}`)
  return unpadded.subarray(20, 20 + length).toString('utf8')
}
