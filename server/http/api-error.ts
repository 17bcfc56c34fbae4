import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** An error the API reports as `{ error: { code, message, details? } }` with this status. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } }
  }
}

/** A request that failed its schema: the first problem as the message, all of them as details. */
export function validationFailed(problems: readonly { path: PropertyKey[]; message: string }[]): ApiError {
  const issues = problems.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
  const first = issues[0]
  return new ApiError(400, 'validation_failed', first ? `${first.path || 'body'}: ${first.message}` : 'Invalid request', issues)
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`)
export const forbidden = (message = 'Your role does not allow this') => new ApiError(403, 'forbidden', message)
export const unauthorized = (message = 'Sign in first: the session is missing, invalid or expired') => new ApiError(401, 'unauthorized', message)
