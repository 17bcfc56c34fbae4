/**
 * Idempotency keys for outgoing messages (the server dedupes resends by them).
 * getRandomValues, not randomUUID: the latter needs a secure context, and a
 * deployment on plain http must still work. 16 random bytes → 22 URL-safe chars.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
