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

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
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
  throw failure(path, response.status, response.statusText, payload)
}

/** The ApiError for a refusal; a 401 also ends the session. */
function failure(path: string, status: number, statusText: string, payload: unknown): ApiError {
  const error = (payload as Partial<ApiErrorBody> | null)?.error
  if (status === 401 && path !== '/api/auth/login') onUnauthorized?.()
  return new ApiError(status, error?.code ?? `http_${status}`, error?.message ?? statusText, error?.details)
}

export interface UploadOptions {
  /** The request's content-type (the file's own type). */
  contentType: string
  /** Called with the share of the bytes sent so far, from 0 to 1, when the browser can tell. */
  onProgress?: (sent: number) => void
  /** Aborting rejects with an AbortError (a DOMException), neither ApiError nor NetworkError. */
  signal?: AbortSignal
}

/**
 * POSTs raw bytes and reads a JSON answer, with the same failures as `request`. XMLHttpRequest,
 * not fetch, because only it reports upload progress.
 */
export function upload<T>(path: string, body: Blob, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const aborted = () => new DOMException('The upload was cancelled', 'AbortError')
    if (options.signal?.aborted) {
      reject(aborted())
      return
    }
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('accept', 'application/json')
    xhr.setRequestHeader('content-type', options.contentType)
    const onAbort = () => xhr.abort()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const settle = () => options.signal?.removeEventListener('abort', onAbort)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total)
    }
    xhr.onload = () => {
      settle()
      let payload: unknown = null
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        payload = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T)
      else reject(failure(path, xhr.status, xhr.statusText, payload))
    }
    xhr.onerror = () => {
      settle()
      reject(new NetworkError(new Error('Upload failed')))
    }
    xhr.ontimeout = xhr.onerror
    xhr.onabort = () => {
      settle()
      reject(aborted())
    }
    xhr.send(body)
  })
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
