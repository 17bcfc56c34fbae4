/**
 * Reads the embed snippet: `<script src="https://HOST/widget.js" data-channel="web" data-lang="en" async>`.
 * HOST is taken from the script's own src, so one build serves every deployment.
 */
import { asWebOrigin } from '../frame-protocol.js'
import { chooseLanguage, type Lang } from '../i18n/languages.js'

export interface LoaderConfig {
  /** Origin the frame, API and socket live on. */
  host: string
  channel: string
  lang: Lang
}

export interface ScriptAttributes {
  src: string
  channel: string | undefined
  lang: string | undefined
}

const CHANNEL_ID = /^[A-Za-z0-9._-]{1,64}$/

export function parseLoaderConfig(script: ScriptAttributes, browserLanguages: readonly string[]): LoaderConfig | null {
  let host: string | null = null
  try {
    host = asWebOrigin(new URL(script.src).origin)
  } catch {
    return null
  }
  if (!host || !script.channel || !CHANNEL_ID.test(script.channel)) return null
  return { host, channel: script.channel, lang: chooseLanguage(script.lang, browserLanguages) }
}

export function frameUrl(config: LoaderConfig, parentOrigin: string): string {
  const channel = encodeURIComponent(config.channel)
  return `${config.host}/widget/frame.html?channel=${channel}&lang=${config.lang}&parent=${encodeURIComponent(parentOrigin)}`
}

/**
 * `document.currentScript` is set while a classic script runs, async included; the
 * selector is a fallback for pages that inject the tag in unusual ways.
 */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript
  if (current instanceof HTMLScriptElement && current.dataset.channel) return current
  return doc.querySelector<HTMLScriptElement>('script[data-channel][src*="widget.js"]')
}
