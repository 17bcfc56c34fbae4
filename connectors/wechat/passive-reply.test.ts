import { describe, expect, it } from 'vitest'
import { V6 } from './__fixtures__/published-vectors.js'
import { parseWechatXml } from './parse-wechat-xml.js'
import { buildEncryptedReplyXml, buildTextReplyXml, cdata, NO_REPLY_BODY, noReplyResponse } from './passive-reply.js'
import { isValidMessageSignature } from './signature.js'
import { createWechatCipher } from './wechat-crypto.js'

describe('passive replies', () => {
  it('"success" is the no-reply answer', () => {
    expect(NO_REPLY_BODY).toBe('success')
    expect(noReplyResponse()).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' })
  })

  it('builds the documented text reply, To and From swapped by the caller', () => {
    expect(buildTextReplyXml({ toUser: 'OPENID', fromUser: 'gh_xxx', createTime: 12345678, content: '你好' })).toBe(
      '<xml><ToUserName><![CDATA[OPENID]]></ToUserName><FromUserName><![CDATA[gh_xxx]]></FromUserName><CreateTime>12345678</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>',
    )
  })

  it('keeps content containing "]]>" inside CDATA and strips characters XML forbids', () => {
    const content = 'a]]><xml>b\u0001c'
    const xml = buildTextReplyXml({ toUser: 'o', fromUser: 'g', createTime: 1, content })
    expect(parseWechatXml(xml, { maxBytes: 65536 }).Content).toBe('a]]><xml>bc')
    expect(cdata(']]>')).toBe('<![CDATA[]]]]><![CDATA[>]]>')
  })

  it('reproduces the V6 encrypted reply envelope', () => {
    const cipher = createWechatCipher({ encodingAESKey: V6.encodingAESKey, appId: V6.appId })
    const reply = V6.reply
    const xml = buildEncryptedReplyXml(reply.plaintext, {
      cipher,
      token: V6.token,
      timestamp: reply.timestamp,
      nonce: reply.nonce,
      random: Buffer.from(reply.random, 'ascii'),
    })
    expect(xml).toBe(
      `<xml><Encrypt><![CDATA[${reply.encrypt}]]></Encrypt><MsgSignature><![CDATA[${reply.msgSignature}]]></MsgSignature><TimeStamp>${reply.timestamp}</TimeStamp><Nonce><![CDATA[${reply.nonce}]]></Nonce></xml>`,
    )
  })

  it('an encrypted reply opens back to the reply XML with a valid signature', () => {
    const cipher = createWechatCipher({ encodingAESKey: V6.encodingAESKey, appId: V6.appId })
    const inner = buildTextReplyXml({ toUser: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', fromUser: 'gh_97417a04a28d', createTime: 1715943330, content: '欢迎关注' })
    const envelope = parseWechatXml(buildEncryptedReplyXml(inner, { cipher, token: V6.token, timestamp: '1715943330', nonce: '42' }), { maxBytes: 65536 })
    const encrypt = envelope.Encrypt ?? ''
    expect(isValidMessageSignature({ token: V6.token, timestamp: '1715943330', nonce: '42', encrypt, signature: envelope.MsgSignature ?? '' })).toBe(true)
    expect(cipher.decrypt(encrypt)).toBe(inner)
  })
})
