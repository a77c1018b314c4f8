import { DomainError, isDomainError, messageFor } from '../../domain/errors'
import { ok, type Envelope } from '../../domain/envelope'
import { validate, type Area, type AreaContract, type InputOf, type OutputOf } from '../../domain/api/contract'
import { stripInvisibleDeep } from '../../domain/text'
import { currentIdentity, type Identity } from './identity'
import { database, type Database } from './db'
import { now } from './clock'

export interface ActionContext {
  identity: Identity
  db: Database
  /** The platform's idea of "now"; one instant per invocation so a handler never sees time move. */
  now: Date
}

export type Handlers<A extends AreaContract> = {
  [K in keyof A]: (input: InputOf<A[K]>, ctx: ActionContext) => Promise<OutputOf<A[K]>>
}

/** Fields the platform adds to every `wx.cloud.callFunction` event; they are not input. */
const PLATFORM_FIELDS = ['action', 'userInfo'] as const

export function fail(code: string, message?: string, details?: unknown): Envelope<never> {
  const envelope: { code: string; message: string; details?: unknown } = { code, message: message ?? messageFor(code) }
  if (details !== undefined) envelope.details = details
  return envelope
}

/**
 * Turns an area's handlers into the cloud function's `main`. Everything a request must get
 * past before any domain code runs happens here, in the same order for every function:
 * shape of the event, known action, schema, identity from the platform (never the body).
 */
export function defineArea<N extends string, A extends AreaContract>(area: Area<N, A>, handlers: Handlers<A>) {
  const actionNames = new Set(Object.keys(area.actions))

  return async function main(event: unknown): Promise<Envelope<unknown>> {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return fail('REQUEST.INVALID')
    const { action } = event as { action?: unknown }
    if (typeof action !== 'string' || action === '') return fail('REQUEST.INVALID', '请求缺少操作名称')
    if (!actionNames.has(action)) return fail('REQUEST.UNKNOWN_ACTION', `没有这个操作：${action.slice(0, 40)}`)

    // Invisible and control characters (NUL, bidi overrides, zero-width) leave every string before the schema sees it.
    const input: Record<string, unknown> = stripInvisibleDeep({ ...(event as Record<string, unknown>) })
    for (const field of PLATFORM_FIELDS) delete input[field]
    const contract = area.actions[action]
    const checked = validate(contract.input, input)
    if (!checked.ok) {
      const first = checked.issues[0]
      return fail('REQUEST.INVALID', `请求格式不正确${first?.path ? `（${first.path}）` : ''}：${first?.message ?? ''}`, checked.issues)
    }

    const identity = currentIdentity()
    if (!identity) return fail('AUTH.UNAUTHENTICATED')

    try {
      const handler = handlers[action as keyof A]
      const data = await handler(checked.value as never, { identity, db: database(), now: now() })
      return ok(data)
    } catch (e) {
      if (isDomainError(e)) return fail((e as DomainError).code, (e as DomainError).message, (e as DomainError).details)
      console.error(`[${area.name}.${action}]`, e)
      return fail('SYSTEM.INTERNAL')
    }
  }
}
