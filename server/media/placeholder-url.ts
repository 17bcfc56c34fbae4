/**
 * Attachments arrive from connectors as provider placeholders (`wechat-media:…`, `twilio-media:…`)
 * until the media worker has stored the hub's own copy: any url the browser could not load from
 * the hub (not http(s), not a hub path).
 */
export function isProviderPlaceholder(url: string): boolean {
  return !/^https?:\/\//i.test(url) && !url.startsWith('/')
}
