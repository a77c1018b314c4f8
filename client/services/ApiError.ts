import { messageFor } from '@domain/errors'

/**
 * The one error the client shows people: a stable code (`AREA.REASON`) to branch on and a
 * Chinese message ready for a toast or an error panel.
 */
export class ApiError extends Error {
  readonly code: string
  readonly details?: unknown

  constructor(code: string, message?: string, details?: unknown) {
    super(message || messageFor(code))
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Whatever was thrown, as an ApiError a page can show. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  return new ApiError('SYSTEM.INTERNAL')
}
