/**
 * Inbound files are referenced, not downloaded, when a message is mapped: an attachment's url is
 * `wechaty-file:<message id>` until a job asks the running bot for the file (`fetchMedia`) and
 * re-hosts it. Only the process running the channel's listener can resolve it.
 */
export const WECHATY_FILE_URL_PREFIX = 'wechaty-file:'

export function wechatyFileUrl(messageId: string): string {
  return `${WECHATY_FILE_URL_PREFIX}${messageId}`
}

/** The message id of a `wechaty-file:` url, or undefined for any other url. */
export function messageIdFromWechatyFileUrl(url: string): string | undefined {
  if (!url.startsWith(WECHATY_FILE_URL_PREFIX)) return undefined
  const messageId = url.slice(WECHATY_FILE_URL_PREFIX.length)
  return messageId.length > 0 ? messageId : undefined
}
