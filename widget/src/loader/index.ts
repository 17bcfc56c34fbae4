/**
 * widget.js: the only code a government page loads until the visitor opens the chat.
 * Plain DOM, no framework, so it stays a few kilobytes. It owns the launcher, the
 * visitor token (host page's localStorage) and focus on the host page; everything
 * else happens in the frame.
 */
import { readFrameMessage } from '../frame-protocol.js'
import { launcher as en } from '../i18n/en.js'
import type { Lang } from '../i18n/languages.js'
import { launcher as zhCN } from '../i18n/zh-CN.js'
import { browserStorage, readVisitorToken, writeVisitorToken } from '../token-store.js'
import { createLauncher } from './launcher.js'
import { createPanel, type Panel } from './panel.js'
import { findOwnScript, frameUrl, type LoaderConfig, parseLoaderConfig } from './script-config.js'
import { LOADER_CSS } from './styles.js'

const STRINGS: Record<Lang, typeof en> = { 'zh-CN': zhCN, en }

function mount(config: LoaderConfig, parentOrigin: string): void {
  const strings = STRINGS[config.lang]
  const host = document.createElement('div')
  host.setAttribute('data-switchboard-widget', config.channel)
  // Closed: the host page's scripts cannot reach into the widget by accident.
  const root = host.attachShadow({ mode: 'closed' })
  const style = document.createElement('style')
  style.textContent = LOADER_CSS
  const launcher = createLauncher(strings)
  root.append(style, launcher.button)
  document.body.append(host)

  const storage = browserStorage()
  let panel: Panel | null = null
  let open = false

  const openPanel = () => {
    open = true
    launcher.setExpanded(true)
    if (panel) {
      panel.show()
      panel.post({ type: 'opened' })
    } else {
      panel = createPanel(frameUrl(config, parentOrigin), strings.panelTitle, config.host)
      launcher.button.setAttribute('aria-controls', panel.iframe.id)
      root.append(panel.iframe)
    }
    // Focus the iframe from this side: a cross-origin frame may not pull focus in by itself.
    panel.iframe.focus()
  }

  const closePanel = (returnFocus: boolean) => {
    open = false
    launcher.setExpanded(false)
    panel?.hide()
    panel?.post({ type: 'closed' })
    if (returnFocus) launcher.button.focus()
  }

  launcher.button.addEventListener('click', () => (open ? closePanel(true) : openPanel()))
  launcher.button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) closePanel(true)
  })

  window.addEventListener('message', (event) => {
    if (!panel) return
    const message = readFrameMessage(event, { origin: config.host, window: panel.iframe.contentWindow })
    if (!message) return
    switch (message.type) {
      case 'ready':
        panel.post({ type: 'init', token: readVisitorToken(storage, config.channel), open })
        if (open) panel.iframe.focus()
        break
      case 'token':
        writeVisitorToken(storage, config.channel, message.token)
        break
      case 'close':
        if (open) closePanel(true)
        break
      case 'unread':
        launcher.setUnread(open ? 0 : message.count)
        break
    }
  })
}

function start(): void {
  const flag = window as Window & { __switchboardLoaded?: boolean }
  // Pages sometimes include the snippet twice (template + tag manager); one launcher is enough.
  if (flag.__switchboardLoaded) return
  const script = findOwnScript(document)
  const config = script && parseLoaderConfig({ src: script.src, channel: script.dataset.channel, lang: script.dataset.lang }, navigator.languages ?? [])
  if (!config) {
    console.warn('[switchboard] widget.js needs an https src and a valid data-channel attribute')
    return
  }
  // An opaque origin (file://, sandboxed page) cannot be a postMessage target; the widget would be half-broken.
  if (location.origin === 'null') {
    console.warn('[switchboard] the chat widget needs a page served over http(s)')
    return
  }
  flag.__switchboardLoaded = true
  if (document.body) mount(config, location.origin)
  else document.addEventListener('DOMContentLoaded', () => mount(config, location.origin), { once: true })
}

start()
