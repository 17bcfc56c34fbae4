/** The frame's query string: `?channel=<id>&lang=<lang>&parent=<origin of the host page>`. */
import { asWebOrigin } from '../frame-protocol.js'
import { chooseLanguage, type Lang } from '../i18n/languages.js'

export interface FrameParams {
  channelId: string
  lang: Lang
  /** Null when the frame was opened directly (no loader): it then runs stand-alone. */
  parentOrigin: string | null
}

export function readFrameParams(search: string, browserLanguages: readonly string[]): FrameParams | null {
  const params = new URLSearchParams(search)
  const channelId = params.get('channel')
  if (!channelId || !/^[A-Za-z0-9._-]{1,64}$/.test(channelId)) return null
  return {
    channelId,
    lang: chooseLanguage(params.get('lang'), browserLanguages),
    parentOrigin: asWebOrigin(params.get('parent')),
  }
}
