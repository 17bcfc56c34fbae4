/**
 * JSON over fetch with the hub's error shape. Two failure kinds matter to the UI:
 * ApiError (the server answered no; show why) and NetworkError (no answer; the
 * request may be retried). A 401 anywhere means the session ended.
 */
import type { ApiErrorBody } from '../../../server/presenters/dto.js'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Network request failed', { cause })
    this.name = 'NetworkError'
  }
}

let onUnauthorized: (() => void) | null = null

/** The app shows the login screen from here when any call (except login itself) gets a 401. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

export async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    throw new NetworkError(error)
  }
  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => null)
  if (response.ok) return payload as T
  const error = (payload as Partial<ApiErrorBody> | null)?.error
  if (response.status === 401 && path !== '/api/auth/login') onUnauthorized?.()
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details)
}
