/**
 * Inbound media is referenced, not hotlinked: an attachment's url is `wechat-media:<MediaId>` until
 * a job downloads it through the media API (temporary media lives 3 days) and re-hosts it.
 * The same form works outbound: an attachment already on WeChat's servers is sent by its MediaId.
 */
export const WECHAT_MEDIA_URL_PREFIX = 'wechat-media:'

export function wechatMediaUrl(mediaId: string): string {
  return `${WECHAT_MEDIA_URL_PREFIX}${mediaId}`
}

/** The MediaId of a `wechat-media:` url, or undefined for any other url. */
export function mediaIdFromUrl(url: string): string | undefined {
  if (!url.startsWith(WECHAT_MEDIA_URL_PREFIX)) return undefined
  const mediaId = url.slice(WECHAT_MEDIA_URL_PREFIX.length)
  return mediaId.length > 0 ? mediaId : undefined
}
