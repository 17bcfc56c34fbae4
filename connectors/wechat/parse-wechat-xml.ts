/**
 * Parses WeChat's flat `<xml>` envelope into a record of its child elements' text.
 *
 * Safe by construction: the size is capped before parsing, any DOCTYPE/ENTITY declaration is
 * refused (so no entity expansion, internal or external), and nothing is parsed as a number,
 * because MsgId is a 64-bit integer that a JS number would silently round.
 * Nested elements (e.g. SendPicsInfo) are skipped: no event the hub maps uses them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'

export type WechatXmlErrorCode = 'too_large' | 'doctype_forbidden' | 'malformed' | 'not_wechat_envelope'

export class WechatXmlError extends Error {
  override name = 'WechatXmlError'
  readonly code: WechatXmlErrorCode

  constructor(code: WechatXmlErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

/** Child elements of `<xml>` by name, with their text exactly as sent (CDATA unwrapped, not trimmed). */
export type WechatXmlFields = Readonly<Record<string, string>>

const CDATA_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>/g
const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace is meaningful in citizens' text; structural whitespace lands in '#text' and is skipped.
  trimValues: false,
  // Only the five predefined XML entities and character references: no DOCTYPE can reach here.
  processEntities: true,
  htmlEntities: false,
})

export function parseWechatXml(xml: string, options: { maxBytes: number }): WechatXmlFields {
  if (Buffer.byteLength(xml, 'utf8') > options.maxBytes) throw new WechatXmlError('too_large', `The XML is larger than ${options.maxBytes} bytes.`)
  // Citizens may type "<!DOCTYPE" in a message: only look outside CDATA sections.
  if (DECLARATION.test(xml.replace(CDATA_SECTION, ''))) throw new WechatXmlError('doctype_forbidden', 'DTD declarations are not accepted.')
  if (XMLValidator.validate(xml) !== true) throw new WechatXmlError('malformed', 'The body is not well-formed XML.')

  let document: unknown
  try {
    document = parser.parse(xml)
  } catch {
    throw new WechatXmlError('malformed', 'The body is not well-formed XML.')
  }
  if (!isRecord(document)) throw new WechatXmlError('not_wechat_envelope', 'The document has no <xml> root.')
  const roots = Object.keys(document)
  const root = document.xml
  if (roots.length !== 1 || root === undefined) throw new WechatXmlError('not_wechat_envelope', 'The document root must be a single <xml> element.')

  const fields: Record<string, string> = Object.create(null)
  if (typeof root === 'string') return fields // `<xml></xml>` or `<xml>text</xml>`: no fields
  if (!isRecord(root)) throw new WechatXmlError('not_wechat_envelope', 'The <xml> root has an unexpected shape.')
  for (const [name, value] of Object.entries(root)) {
    if (name === '#text') continue
    if (Array.isArray(value)) throw new WechatXmlError('malformed', `The element <${name}> appears more than once.`)
    if (typeof value === 'string') fields[name] = value
  }
  return fields
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
