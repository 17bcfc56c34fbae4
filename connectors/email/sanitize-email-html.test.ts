import { describe, expect, it } from 'vitest'
import { normalizeContentId, type SanitizeEmailHtmlOptions, sanitizeEmailHtml } from './sanitize-email-html.js'

const blocked: SanitizeEmailHtmlOptions = { allowRemoteImages: false, inlineImages: new Map([['4f2a9c1b@d6e1.qq.com', 0]]) }
const allowed: SanitizeEmailHtmlOptions = { ...blocked, allowRemoteImages: true }
const clean = (html: string, options = blocked) => sanitizeEmailHtml(html, options).html

describe('sanitizeEmailHtml: nothing active escapes', () => {
  it.each([
    ['a script', '<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['a style sheet', '<style>body{position:fixed}</style><p>hi</p>', '<p>hi</p>'],
    ['a whole document head', '<html><head><title>t</title><style>x{}</style></head><body><p>hi</p></body></html>', '<p>hi</p>'],
    ['event handlers', '<p onclick="steal()" onmouseover="x()">hi</p>', '<p>hi</p>'],
    [
      'forms and their controls (a button’s label stays as plain text)',
      '<form action="https://evil.example"><input name="pw"><button>go</button></form>ok',
      'gook',
    ],
    ['a textarea and its content', '<textarea>secret</textarea>ok', 'ok'],
    ['iframes, with what is inside them', '<iframe src="https://evil.example"><p>fallback</p></iframe>ok', 'ok'],
    ['objects and embeds', '<object data="x.swf"><embed src="x.swf"></object>ok', 'ok'],
    ['noscript content', '<noscript><img src="https://t.example/x.gif"></noscript>ok', 'ok'],
    ['a script inside svg', '<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['meta refresh and base', '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">ok', 'ok'],
  ])('drops %s', (_label, html, expected) => {
    expect(clean(html)).toBe(expected)
  })

  it('confines inline styles to a few harmless properties', () => {
    expect(clean('<p style="color: #333; position: absolute; top: 0; font-size: 12px; background-image: url(https://t.example/x); z-index: 9">t</p>')).toBe(
      '<p style="color:#333;font-size:12px">t</p>',
    )
    expect(clean('<p style="color: expression(alert(1)); text-align: center; font-weight: bold">t</p>')).toBe(
      '<p style="text-align:center;font-weight:bold">t</p>',
    )
    expect(clean('<span style="font-size: 9999px">big</span>')).toBe('<span>big</span>')
  })

  it('keeps the formatting mail clients use', () => {
    expect(clean('<font color="red" size="3" face="SimSun" onmouseover="x()">f</font><center>c</center><u>u</u><s>s</s>')).toBe(
      '<font color="red" size="3" face="SimSun">f</font><center>c</center><u>u</u><s>s</s>',
    )
    expect(clean('<table border="1" cellpadding="2"><tr><td colspan="2" valign="top">x</td></tr></table>')).toBe(
      '<table border="1" cellpadding="2"><tr><td colspan="2" valign="top">x</td></tr></table>',
    )
  })

  it('escapes text that looks like markup', () => {
    expect(clean('<p>1 &lt; 2 &amp; &lt;script&gt;</p>')).toBe('<p>1 &lt; 2 &amp; &lt;script&gt;</p>')
  })
})

describe('sanitizeEmailHtml: links', () => {
  it('keep http(s), mailto and tel, and open in a new tab without a referrer', () => {
    expect(clean('<a href="https://map.example.cn/p/123" target="_self">位置</a>')).toBe(
      '<a href="https://map.example.cn/p/123" target="_blank" rel="noopener noreferrer nofollow">位置</a>',
    )
    expect(clean('<a href="mailto:a@example.cn">m</a>')).toBe('<a href="mailto:a@example.cn" rel="noopener noreferrer nofollow" target="_blank">m</a>')
    expect(clean('<a href="tel:+8612345">t</a>')).toBe('<a href="tel:+8612345" rel="noopener noreferrer nofollow" target="_blank">t</a>')
  })

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:x'],
    ['ftp://x.example'],
    ['//evil.example/x'],
  ])('lose an href of %j', (href) => {
    expect(clean(`<a href="${href}">click</a>`)).toBe('<a rel="noopener noreferrer nofollow" target="_blank">click</a>')
  })
})

describe('sanitizeEmailHtml: images', () => {
  it('blocks a remote image by default: a placeholder carrying its url, counted', () => {
    const result = sanitizeEmailHtml('<img src="https://tracker.example.net/open.gif?id=42" width="1" height="1" alt="">', blocked)
    expect(result).toEqual({ html: '<span data-email-blocked-image="https://tracker.example.net/open.gif?id=42">[image]</span>', remoteImagesBlocked: 1 })
  })

  it('counts every blocked image and uses the alt text in the placeholder', () => {
    const result = sanitizeEmailHtml('<img src="http://a.example/1.png" alt=" 照片 "><img src="HTTPS://b.example/2.png" alt="map">', blocked)
    expect(result).toEqual({
      html: '<span data-email-blocked-image="http://a.example/1.png">[照片]</span><span data-email-blocked-image="HTTPS://b.example/2.png">[map]</span>',
      remoteImagesBlocked: 2,
    })
  })

  it('escapes markup in an alt text in both shapes', () => {
    const html = '<img alt="<script>alert(1)</script>" src="https://x.example/y.png">'
    expect(clean(html)).toBe('<span data-email-blocked-image="https://x.example/y.png">[&lt;script&gt;alert(1)&lt;/script&gt;]</span>')
    expect(clean(html, allowed)).toBe('<img src="https://x.example/y.png" alt="&lt;script&gt;alert(1)&lt;/script&gt;" />')
  })

  it('keeps a remote image when allowed, with a sane size only, and counts nothing', () => {
    expect(sanitizeEmailHtml('<img src="https://a.example/1.png" alt="a" width="640" height="99999" onerror="x()" class="c">', allowed)).toEqual({
      html: '<img src="https://a.example/1.png" alt="a" width="640" />',
      remoteImagesBlocked: 0,
    })
  })

  it('turns a known cid: image into a reference to the attachment index, without src', () => {
    expect(clean('<img src="cid:4F2A9C1B@D6E1.qq.com" alt="照片" width="300" height="200">')).toBe(
      '<img alt="照片" data-email-attachment="0" width="300" height="200" />',
    )
  })

  it('matches percent-encoded and bracketed cid: urls', () => {
    const options = { allowRemoteImages: false, inlineImages: new Map([['a@b', 3]]) }
    expect(clean('<img src="cid:%3CA@B%3E">', options)).toBe('<img alt="" data-email-attachment="3" />')
  })

  it.each([
    ['an unknown cid:', '<img src="cid:missing@x" alt="logo">', '<span>[logo]</span>'],
    ['a data: image', '<img src="data:image/png;base64,iVBORw0KGgo=">', '<span>[image]</span>'],
    ['a protocol-relative image', '<img src="//t.example/x.gif">', '<span>[image]</span>'],
    ['a javascript: image', '<img src="javascript:alert(1)">', '<span>[image]</span>'],
    ['an image without src', '<img alt="">', '<span>[image]</span>'],
  ])('replaces %s by a plain placeholder, whether or not remote images are allowed, counting nothing', (_label, html, expected) => {
    expect(sanitizeEmailHtml(html, blocked)).toEqual({ html: expected, remoteImagesBlocked: 0 })
    expect(sanitizeEmailHtml(html, allowed)).toEqual({ html: expected, remoteImagesBlocked: 0 })
  })

  it('does not let a mail forge the inbox’s own data attributes', () => {
    expect(clean('<span data-email-attachment="0" data-x="1">a</span><p data-email-blocked-image="https://x">b</p>')).toBe('<span>a</span><p>b</p>')
  })
})

describe('normalizeContentId', () => {
  it.each([
    ['<4F2A9C1B@D6E1.qq.com>', '4f2a9c1b@d6e1.qq.com'],
    ['  4F2A9C1B@D6E1.qq.com ', '4f2a9c1b@d6e1.qq.com'],
    ['%3Cimage001.png%4001D9%3E', 'image001.png@01d9'],
    ['100%@x', '100%@x'],
  ])('%j → %j', (contentId, expected) => {
    expect(normalizeContentId(contentId)).toBe(expected)
  })
})
