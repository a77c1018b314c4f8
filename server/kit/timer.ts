/**
 * Timer triggers (config.json `triggers`). WeChat delivers `{ Type: 'Timer', TriggerName, Time }`
 * and no caller identity; a person's request always carries an openid. So an event is the
 * platform timer only when it has that shape, names a trigger the function declares, and comes
 * with no identity. Everything else that looks like a timer event is refused (REQUEST.INVALID,
 * as any request without an action) and runs nothing: a person cannot start a sweep by sending
 * `{ Type: 'Timer' }`.
 */
import { currentIdentity } from './identity'
import { fail } from './area'
import type { Envelope } from '../../domain/envelope'

export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

export function looksLikeTimer(event: unknown): event is { Type: 'Timer'; TriggerName?: unknown } {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer'
}

/** The platform's timer: the shape, a declared trigger name, and no caller. */
export function isPlatformTimer(event: unknown, triggers: readonly string[]): event is TimerEvent {
  return looksLikeTimer(event) && typeof event.TriggerName === 'string' && triggers.includes(event.TriggerName) && currentIdentity() === null
}

/**
 * A function's `main` with its timers: each declared trigger runs its job when (and only when)
 * the platform timer calls; a timer-shaped event from anyone else is refused; every other event
 * is a request for `requests` (defineArea's main).
 */
export function withTimers<R>(
  requests: (event: unknown) => Promise<Envelope<unknown>>,
  timers: Record<string, (event: TimerEvent) => Promise<R>>,
): (event: unknown) => Promise<R | Envelope<unknown>> {
  const names = Object.keys(timers)
  return async function main(event: unknown) {
    if (isPlatformTimer(event, names)) return timers[event.TriggerName](event)
    if (looksLikeTimer(event)) return fail('REQUEST.INVALID', '这个操作只能由系统定时任务执行')
    return requests(event)
  }
}
