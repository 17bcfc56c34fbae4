/** Attachment links come from the network: only http(s) URLs become links, never `javascript:` or `data:`. */
export function safeUrl(url: string, base: string): string | null {
  try {
    const parsed = new URL(url, base)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}
