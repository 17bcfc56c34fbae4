/**
 * HTML mail, made safe to show in the inbox (sanitize-html). Pure.
 * - No scripts, `<style>` sheets, forms, frames or event handlers; inline styles confined to a few
 *   harmless properties (colour, alignment, emphasis), so a mail cannot restyle or overlay the inbox.
 * - Links keep http(s)/mailto/tel only and open in a new tab without a referrer.
 * - Remote images are tracking beacons as often as content: replaced by a placeholder
 *   (`<span data-email-blocked-image="url">`) the inbox may offer to load, unless allowed.
 * - Inline `cid:` images become `<img data-email-attachment="<index>">`: the index of the
 *   attachment in the message, whose url the hub rewrites when it stores the file; the inbox
 *   fills `src` from it. `data:` images are dropped (they can be megabytes of anything).
 */
import sanitizeHtml from 'sanitize-html'

export interface SanitizeEmailHtmlOptions {
  allowRemoteImages: boolean
  /** Content-ID (without `<>`, lower case) → index of the attachment. */
  inlineImages: ReadonlyMap<string, number>
}

export interface SanitizedEmailHtml {
  html: string
  remoteImagesBlocked: number
}

const COLOR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\(\s*[\d.\s,%]+\)$/i, /^[a-z]{3,20}$/i]
const LENGTH = [/^\d{1,3}(\.\d{1,2})?(px|pt|em|rem|%)$/]

const ALLOWED_STYLES: sanitizeHtml.IOptions['allowedStyles'] = {
  '*': {
    color: COLOR,
    'background-color': COLOR,
    'text-align': [/^(left|right|center|justify)$/i],
    'font-weight': [/^(normal|bold|bolder|lighter|[1-9]00)$/i],
    'font-style': [/^(normal|italic|oblique)$/i],
    'text-decoration': [/^(none|underline|line-through|overline)$/i],
    'font-size': LENGTH,
    'vertical-align': [/^(top|middle|bottom|baseline)$/i],
  },
}

export function sanitizeEmailHtml(html: string, options: SanitizeEmailHtmlOptions): SanitizedEmailHtml {
  let remoteImagesBlocked = 0
  const sanitized = sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'del', 'ins', 's', 'u', 'big', 'small'],
    allowedAttributes: {
      '*': ['style', 'dir', 'lang', 'title', 'align'],
      a: ['href', 'name', 'rel', 'target'],
      img: ['src', 'alt', 'width', 'height', 'data-email-attachment'],
      span: ['data-email-blocked-image'],
      font: ['color', 'size', 'face'],
      table: ['border', 'cellpadding', 'cellspacing', 'width'],
      td: ['colspan', 'rowspan', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'valign', 'width'],
      ol: ['start', 'type'],
    },
    allowedStyles: ALLOWED_STYLES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'object', 'iframe'],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
      img: (_tagName, attributes) => {
        const source = (attributes.src ?? '').trim()
        const alt = attributes.alt ?? ''
        if (/^cid:/i.test(source)) {
          const index = options.inlineImages.get(normalizeContentId(source.slice(4)))
          if (index === undefined) return placeholder(alt)
          return { tagName: 'img', attribs: { alt, 'data-email-attachment': String(index), ...sizeOf(attributes) } }
        }
        if (/^https?:\/\//i.test(source)) {
          if (options.allowRemoteImages) return { tagName: 'img', attribs: { src: source, alt, ...sizeOf(attributes) } }
          remoteImagesBlocked += 1
          return placeholder(alt, source)
        }
        return placeholder(alt)
      },
    },
  })
  return { html: sanitized.trim(), remoteImagesBlocked }
}

/** A Content-ID as `cid:` urls and `Content-ID` headers compare: without `<>`, lower case. */
export function normalizeContentId(contentId: string): string {
  let value = contentId.trim()
  try {
    value = decodeURIComponent(value)
  } catch {
    // Not percent-encoded after all: compare as is.
  }
  return value.replace(/^<|>$/g, '').toLowerCase()
}

function placeholder(alt: string, blockedSource?: string): sanitizeHtml.Tag {
  return {
    tagName: 'span',
    attribs: blockedSource ? { 'data-email-blocked-image': blockedSource } : {},
    text: `[${alt.trim() || 'image'}]`,
  }
}

function sizeOf(attributes: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const size: sanitizeHtml.Attributes = {}
  if (attributes.width && /^\d{1,4}$/.test(attributes.width)) size.width = attributes.width
  if (attributes.height && /^\d{1,4}$/.test(attributes.height)) size.height = attributes.height
  return size
}
