/**
 * Open311 errors: always a list of {code, description}, as <errors><error>… or a JSON array.
 * HTTP 404 for what does not exist, 403 for a missing or wrong api_key, 400 for the rest
 * (the spec's rule); 413 and 429 for a body too large and too many requests.
 */

export interface Open311ErrorItem {
  code: number
  description: string
}

export type Open311ErrorStatus = 400 | 403 | 404 | 413 | 429

export class Open311Error extends Error {
  readonly errors: Open311ErrorItem[]

  constructor(
    readonly status: Open311ErrorStatus,
    descriptions: string | readonly string[],
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : [...descriptions]
    super(list.join('; '))
    this.errors = list.map((description) => ({ code: status, description }))
  }
}
