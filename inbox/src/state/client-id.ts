/**
 * Idempotency keys for replies. crypto.randomUUID only exists in secure contexts,
 * and some hotline hubs are reached over plain http on an intranet, so fall back
 * to getRandomValues (available everywhere) in the same URL-safe alphabet.
 */
export function newClientId(cryptoApi: Crypto = globalThis.crypto): string {
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID()
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
