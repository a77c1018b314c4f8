import { validate, type ActionContract, type Area, type AreaContract, type InputOf, type OutputOf } from '@domain/api/contract'
import type { ActionName, AreaActions, AreaName } from '@domain/api'
import { messageFor } from '@domain/errors'
import { ApiError } from './ApiError'
import { send } from './send'

export type CallInput<N extends AreaName, A extends ActionName<N>> = InputOf<AreaActions<N>[A]>
export type CallOutput<N extends AreaName, A extends ActionName<N>> = OutputOf<AreaActions<N>[A]>

/** `call(areaName, actionName, input)` bound to one area's contract. */
export type AreaCall<N extends string, C extends AreaContract> = <A extends keyof C & string>(
  areaName: N,
  actionName: A,
  input: InputOf<C[A]>,
) => Promise<OutputOf<C[A]>>

/**
 * The client's one way to reach the backend, bound to the contract of one area: each service
 * file does `const call = areaCaller(ordersArea)`, so a bundle carries only the schemas of the
 * areas its pages call (not domain/api's AREAS, all eight), and the schemas of an area used only
 * in a subpackage stay in that subpackage.
 *
 * Input is checked against the shared schema before anything is sent; the answer envelope is
 * unwrapped into data or an ApiError; every transport failure becomes NETWORK.UNAVAILABLE with a
 * message a person can act on.
 */
export function areaCaller<N extends string, C extends AreaContract>(area: Area<N, C>): AreaCall<N, C> {
  return (areaName, actionName, input) => callArea(area, areaName, actionName, input)
}

async function callArea<T>(area: Area<string, AreaContract>, areaName: string, actionName: string, input: unknown): Promise<T> {
  // Looked up at run time too: a name can arrive unchecked (casts, stale bundles).
  const actions = area.actions as Record<string, ActionContract<unknown, unknown> | undefined>
  const contract = areaName === area.name && Object.prototype.hasOwnProperty.call(actions, actionName) ? actions[actionName] : undefined
  if (!contract) throw new ApiError('REQUEST.UNKNOWN_ACTION')

  const checked = validate(contract.input, input)
  if (!checked.ok) {
    const first = checked.issues[0]?.message
    throw new ApiError(
      'REQUEST.INVALID',
      first ? `${messageFor('REQUEST.INVALID')}：${first}` : messageFor('REQUEST.INVALID'),
      checked.issues,
    )
  }

  let answer: unknown
  try {
    answer = await send(area.name, { ...(checked.value as Record<string, unknown>), action: actionName })
  } catch (e) {
    throw new ApiError('NETWORK.UNAVAILABLE', undefined, e instanceof Error ? e.message : e)
  }
  return unwrap<T>(answer)
}

function unwrap<T>(answer: unknown): T {
  if (typeof answer !== 'object' || answer === null || !('code' in answer)) {
    throw new ApiError('SYSTEM.INTERNAL', '服务返回了无法识别的结果，请稍后再试', answer)
  }
  const envelope = answer as { code: unknown; data?: unknown; message?: unknown; details?: unknown }
  if (envelope.code === 0) return envelope.data as T
  const code = typeof envelope.code === 'string' ? envelope.code : 'SYSTEM.INTERNAL'
  const message = typeof envelope.message === 'string' && envelope.message ? envelope.message : messageFor(code)
  throw new ApiError(code, message, envelope.details)
}
