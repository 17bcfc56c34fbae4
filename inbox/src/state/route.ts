/**
 * The open conversation lives in the URL (/inbox/c/<id>) so a reload or a shared
 * link reopens it. The hub serves index.html for every /inbox/* path.
 * APP_BASE must match `base` in inbox/vite.config.ts.
 */
export const APP_BASE = '/inbox/'

export function conversationIdFromPath(pathname: string, base = APP_BASE): string | null {
  if (!pathname.startsWith(`${base}c/`)) return null
  const encoded = pathname.slice(base.length + 2).split('/')[0]
  if (!encoded) return null
  try {
    return decodeURIComponent(encoded)
  } catch {
    return null
  }
}

export function pathForConversation(conversationId: string | null, base = APP_BASE): string {
  return conversationId ? `${base}c/${encodeURIComponent(conversationId)}` : base
}
