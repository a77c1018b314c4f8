/** The one answer shape of every cloud-function action. */
export type Ok<T> = { code: 0; data: T }
export type Failure = { code: string; message: string; details?: unknown }
export type Envelope<T> = Ok<T> | Failure

export function ok<T>(data: T): Ok<T> {
  return { code: 0, data }
}
