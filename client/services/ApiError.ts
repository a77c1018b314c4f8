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

/** The schema's issues the backend sent with REQUEST.INVALID (none for any other refusal). */
export function issuesOf(e: unknown): { path: string; message: string }[] {
  const err = toApiError(e)
  if (err.code !== 'REQUEST.INVALID' || !Array.isArray(err.details)) return []
  return (err.details as { path?: unknown; message?: unknown }[])
    .filter((i) => typeof i?.message === 'string' && i.message !== '')
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : '', message: i.message as string }))
}

/**
 * Issues by form field: the path under `prefix` (e.g. 'settings.' for `settings.claimReleaseDays`;
 * a path without it is taken as it is, so the client's own check and the function's answer read
 * alike), its first segment, first message wins. A form keeps only the fields it shows.
 */
export function fieldMessages(issues: readonly { path?: string; message?: string }[], prefix = ''): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {}
  for (const issue of issues) {
    const full = issue.path ?? ''
    const field = (prefix && full.startsWith(prefix) ? full.slice(prefix.length) : full).split('.')[0]
    if (field && issue.message && !out[field]) out[field] = issue.message
  }
  return out
}

/** The field messages of a failed call (none unless it was REQUEST.INVALID). */
export function fieldMessagesOf(e: unknown, prefix = ''): Partial<Record<string, string>> {
  return fieldMessages(issuesOf(e), prefix)
}

/** The one Chinese line to show for a failed call: the first field's own message for bad input, else the code's message. */
export function messageOf(e: unknown): string {
  return issuesOf(e)[0]?.message ?? toApiError(e).message
}
