import { randomBytes } from 'node:crypto'

/**
 * Readable, roughly time-ordered string ids (`cv_lq2x8k3c9f1e2d3c4b5a6f7e`).
 * The prefix says what an id is when it turns up in a log or a support ticket.
 */
export function newId(prefix: 'ct' | 'cv' | 'msg' | 'usr' | 'aud' | 'ev' | 'cr' | 'wo' | 'wh'): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(8).toString('hex')}`
}
