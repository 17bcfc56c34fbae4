/** 13812345678 → 138****5678; +12125550123 → +121****0123 (keeps what agents use to confirm a caller). */
export function maskPhone(phone: string): string {
  // Separators are dropped first, so 138-1234-5678 hides as much as 13812345678.
  const digits = phone.replace(/[^\d+]/g, '')
  if (digits.length <= 7) return '****'
  return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`
}

/** zhang.san@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const at = email.indexOf('@')
  if (at <= 0) return '***'
  return `${email[0]}***${email.slice(at)}`
}
