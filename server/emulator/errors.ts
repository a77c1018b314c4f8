// Errors travel back as `{code, message}` with HTTP 200: that is what CloudBase answers, and
// @cloudbase/node-sdk turns any body with a `code` into a rejected promise (wx-server-sdk then
// maps the code to its numeric errCode, e.g. DATABASE_COLLECTION_NOT_EXIST -> -502005).
// Codes are CloudBase's own (docs.cloudbase.net/error-code/<CODE>).

export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'EmulatorError'
  }
}

export const isEmulatorError = (e: unknown): e is EmulatorError => e instanceof EmulatorError

export const invalidParam = (message: string) => new EmulatorError('INVALID_PARAM', message)

// The wording production returns, so logs and assertions look the same locally.
export const collectionNotExist = (name: string) =>
  new EmulatorError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  )

// The code for "already exists" is not documented; this is our best guess at CloudBase's.
export const collectionExists = (name: string) =>
  new EmulatorError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`)

export const duplicateKey = (collection: string, index: string, key: Record<string, unknown>) =>
  new EmulatorError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${safeJson(key)}`,
  )

export const writeConflict = () =>
  new EmulatorError(
    'DATABASE_TRANSACTION_CONFLICT',
    'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
  )

export const transactionFail = (message: string) => new EmulatorError('DATABASE_TRANSACTION_FAIL', message)

export const requestFailed = (message: string) => new EmulatorError('DATABASE_REQUEST_FAILED', message)

/** MongoDB's refusal of an update (`codeName` such as TypeMismatch, BadValue, PathNotViable); nothing is written. */
export const updateRefused = (codeName: string, message: string) => new EmulatorError('DATABASE_REQUEST_FAILED', `[${codeName}] ${message}`)

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
  }
}
