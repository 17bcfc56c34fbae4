/**
 * Address helpers. Pure. Addresses are compared in lower case: the local part is case-sensitive
 * in theory (RFC 5321) and in no mail system anyone uses.
 */

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase()
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@')
  return at === -1 ? '' : normalizeAddress(address.slice(at + 1))
}

export interface ChannelAddressMatch {
  /** The configured address it matched. */
  address: string
  /** The plus tag (`12345+tag@…`), when there is one. */
  tag?: string
}

/** Whether `address` is one of the channel's (`12345@city.gov.cn`, or a plus address of it). */
export function matchChannelAddress(address: string, channelAddresses: readonly string[]): ChannelAddressMatch | undefined {
  const normalized = normalizeAddress(address)
  const at = normalized.lastIndexOf('@')
  if (at <= 0) return undefined
  const local = normalized.slice(0, at)
  const domain = normalized.slice(at + 1)
  const plus = local.indexOf('+')
  const base = `${plus === -1 ? local : local.slice(0, plus)}@${domain}`
  const configured = channelAddresses.find((candidate) => normalizeAddress(candidate) === base)
  if (!configured) return undefined
  const tag = plus === -1 ? '' : local.slice(plus + 1)
  return tag ? { address: configured, tag } : { address: configured }
}

/** `local+tag@domain`. */
export function plusAddress(address: string, tag: string): string {
  const at = address.lastIndexOf('@')
  return `${address.slice(0, at)}+${tag}${address.slice(at)}`
}

/** Mailer daemons and postmasters send bounces and notices, never citizens' questions. */
export function isSystemSender(address: string): boolean {
  const local = normalizeAddress(address).split('@')[0] ?? ''
  return local === 'mailer-daemon' || local === 'postmaster' || local === 'mail-daemon' || local === 'noreply-dmarc-support'
}
