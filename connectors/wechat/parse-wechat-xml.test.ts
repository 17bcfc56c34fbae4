import { describe, expect, it } from 'vitest'
import { V3 } from './__fixtures__/published-vectors.js'
import { parseWechatXml, WechatXmlError } from './parse-wechat-xml.js'

const limit = { maxBytes: 64 * 1024 }

function xmlErrorOf(xml: string, maxBytes = limit.maxBytes): WechatXmlError {
  try {
    parseWechatXml(xml, { maxBytes })
  } catch (error) {
    if (error instanceof WechatXmlError) return error
    throw new Error(`expected a WechatXmlError, got ${String(error)}`)
  }
  throw new Error('expected a WechatXmlError, nothing was thrown')
}

describe('parseWechatXml', () => {
  it('reads the children of <xml> as strings, keeping a 64-bit MsgId exact', () => {
    const fields = parseWechatXml(V3.plaintext, limit)
    expect({ ...fields }).toEqual({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      CreateTime: '1409735668',
      MsgType: 'text',
      Content: 'abcdteT',
      MsgId: '6054768590064713728',
    })
    expect(BigInt(fields.MsgId ?? '')).toBe(6054768590064713728n)
    // What a number-parsing XML reader would have stored instead:
    expect(String(Number(fields.MsgId))).not.toBe(fields.MsgId)
  })

  it('keeps CDATA text exactly, with whitespace, markup and leading zeros', () => {
    const fields = parseWechatXml('<xml><Content><![CDATA[  <b>工单</b> 007 & more  ]]></Content><Idx>007</Idx></xml>', limit)
    expect(fields.Content).toBe('  <b>工单</b> 007 & more  ')
    expect(fields.Idx).toBe('007')
  })

  it('does not take a citizen typing "<!DOCTYPE" inside CDATA for a declaration', () => {
    expect(parseWechatXml('<xml><Content><![CDATA[<!DOCTYPE html><!ENTITY x "y">]]></Content></xml>', limit).Content).toBe('<!DOCTYPE html><!ENTITY x "y">')
  })

  it('decodes the predefined entities only', () => {
    expect(parseWechatXml('<xml><Title>a &amp; b &lt;c&gt;</Title></xml>', limit).Title).toBe('a & b <c>')
  })

  it('accepts an XML declaration, comments and element order changes', () => {
    const fields = parseWechatXml('<?xml version="1.0" encoding="UTF-8"?>\n<xml><!-- x --><MsgId>1</MsgId><MsgType>text</MsgType></xml>', limit)
    expect({ ...fields }).toEqual({ MsgId: '1', MsgType: 'text' })
  })

  it('skips nested elements', () => {
    expect({ ...parseWechatXml('<xml><SendPicsInfo><Count>1</Count></SendPicsInfo><Event>pic</Event></xml>', limit) }).toEqual({ Event: 'pic' })
  })

  it('returns a record without a prototype', () => {
    expect(Object.getPrototypeOf(parseWechatXml('<xml><A>1</A></xml>', limit))).toBeNull()
  })

  describe('refuses', () => {
    it('bodies over the size limit, counted in UTF-8 bytes', () => {
      expect(xmlErrorOf(`<xml><Content>${'x'.repeat(200)}</Content></xml>`, 100).code).toBe('too_large')
      // 40 CJK characters are 120 bytes
      expect(xmlErrorOf(`<xml><A>${'办'.repeat(40)}</A></xml>`, 100).code).toBe('too_large')
    })

    it('internal entity expansion (billion laughs)', () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>'
      expect(xmlErrorOf(laughs).code).toBe('doctype_forbidden')
    })

    it('external entities (XXE)', () => {
      expect(xmlErrorOf('<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>').code).toBe('doctype_forbidden')
      expect(xmlErrorOf('<!doctype xml SYSTEM "http://evil.example/x.dtd"><xml></xml>').code).toBe('doctype_forbidden')
    })

    it('a DOCTYPE smuggled inside the root', () => {
      expect(xmlErrorOf('<xml><!DOCTYPE a [<!ENTITY b "c">]><Content>&b;</Content></xml>').code).toBe('doctype_forbidden')
    })

    it('malformed XML', () => {
      for (const xml of ['', 'success', '<xml><A>1</B></xml>', '<xml><A>1</A>', '<xml><A>1</A></xml><xml></xml>', '<xml><A>x & y</A></xml>']) {
        expect(xmlErrorOf(xml).code, xml).toBe('malformed')
      }
    })

    it('duplicate elements, which would make the message ambiguous', () => {
      expect(xmlErrorOf('<xml><MsgId>1</MsgId><MsgId>2</MsgId></xml>').code).toBe('malformed')
    })

    it('prototype-polluting element names', () => {
      expect(xmlErrorOf('<xml><__proto__><polluted>yes</polluted></__proto__></xml>').code).toBe('malformed')
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })

    it('another root element', () => {
      expect(xmlErrorOf('<message><A>1</A></message>').code).toBe('not_wechat_envelope')
    })
  })
})
