import type { DeliveryStatus } from '../spec.js'

/**
 * TEMPLATESENDJOBFINISH `Status` → delivery status. Seen values: `success`, `failed:user block`,
 * `failed: system failed` (with a space), `failed:freq limit`. Unknown values map to undefined.
 */
export function mapTemplateSendStatus(status: string): { status: DeliveryStatus; reason?: string } | undefined {
  const normalized = status.trim().toLowerCase()
  if (normalized === 'success') return { status: 'delivered' }
  if (!normalized.startsWith('failed')) return undefined
  // 'failed:user block' → 'user_block', 'failed: system failed' → 'system_failed'
  const detail = normalized
    .slice('failed'.length)
    .replace(/^[\s:]+/, '')
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
  return { status: 'failed', reason: detail || 'template_send_failed' }
}
