/** Messages between the runner and its worker processes. */
export interface InvokeMessage {
  type: 'invoke'
  id: string
  /** Absolute path of the built function (its index.js). */
  entry: string
  event: unknown
  context: Record<string, unknown>
  /** Environment of this one invocation: identity, endpoint, clock. Replaces the previous one. */
  env: Record<string, string>
}

export type ResultMessage =
  | { type: 'result'; id: string; ok: true; result: unknown }
  | { type: 'result'; id: string; ok: false; error: { message: string; stack?: string } }
