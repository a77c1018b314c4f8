import { subscribeTemplateIds, templateIds, type SubscribeMoment, type TemplateIds } from '@domain/notifications'

/**
 * What every platform's subscribe*.ts shares: ask for the subscription messages of a moment, then
 * run the action, whatever the person answered. The request must start inside the tap (WeChat
 * opens the panel only from a user gesture), so nothing is awaited before it.
 */

export type { SubscribeMoment }

/** The person's answer per template id ('accept' | 'reject' | 'ban' | 'filter'), or why none came. */
export type SubscribeOutcome = { asked: true; answers: Record<string, string> } | { asked: false; reason: 'unsupported' | 'failed' | 'timeout' }

/** The platform call: resolves with WeChat's answer object or rejects. */
export type RequestTemplates = (tmplIds: string[]) => Promise<Record<string, unknown>>

/**
 * The build's template ids. Each `process.env.LIANXIN_TPL_*` is replaced by config/index.ts
 * defineConstants at build time (written out, since only literal expressions are replaced).
 */
export function buildTemplateIds(): TemplateIds {
  // A build without the defines leaves `process` unbound on weapp: fall back to the defaults there.
  const read = (get: () => string | undefined) => {
    try {
      return get()
    } catch {
      return undefined
    }
  }
  return templateIds({
    LIANXIN_TPL_WISH_PUBLISHED: read(() => process.env.LIANXIN_TPL_WISH_PUBLISHED),
    LIANXIN_TPL_WISH_REJECTED: read(() => process.env.LIANXIN_TPL_WISH_REJECTED),
    LIANXIN_TPL_WISH_LIT: read(() => process.env.LIANXIN_TPL_WISH_LIT),
    LIANXIN_TPL_WISH_DELIVERED: read(() => process.env.LIANXIN_TPL_WISH_DELIVERED),
    LIANXIN_TPL_WISH_RELEASED: read(() => process.env.LIANXIN_TPL_WISH_RELEASED),
    LIANXIN_TPL_WISH_CONFIRMED: read(() => process.env.LIANXIN_TPL_WISH_CONFIRMED),
    LIANXIN_TPL_ORDER_DISPATCH: read(() => process.env.LIANXIN_TPL_ORDER_DISPATCH),
    LIANXIN_TPL_ORDER_CLAIM: read(() => process.env.LIANXIN_TPL_ORDER_CLAIM),
    LIANXIN_TPL_ORDER_DONE: read(() => process.env.LIANXIN_TPL_ORDER_DONE),
    LIANXIN_TPL_ORDER_OVERDUE: read(() => process.env.LIANXIN_TPL_ORDER_OVERDUE),
  })
}

export interface Subscriber {
  /** Asks for the moment's templates; never rejects. */
  request: (moment: SubscribeMoment) => Promise<SubscribeOutcome>
  /** Asks first, then runs the action; a refusal, a failure or a missing API never stops it. */
  withSubscribe: <T>(moment: SubscribeMoment, action: () => T | Promise<T>) => Promise<T>
}

/**
 * `request` null = the platform has no subscription messages (h5): nothing is asked.
 * `timeoutMs` bounds the wait for an API that never answers; the panel itself is answered in seconds.
 */
export function createSubscriber(request: RequestTemplates | null, ids: TemplateIds = buildTemplateIds(), timeoutMs = 30_000): Subscriber {
  const ask = (moment: SubscribeMoment): Promise<SubscribeOutcome> => {
    if (!request) return Promise.resolve({ asked: false, reason: 'unsupported' })
    let timer: ReturnType<typeof setTimeout> | undefined
    let pending: Promise<Record<string, unknown>>
    try {
      pending = request(subscribeTemplateIds(moment, ids))
    } catch {
      return Promise.resolve({ asked: false, reason: 'failed' })
    }
    const answered = pending.then(
      (res): SubscribeOutcome => {
        const answers: Record<string, string> = {}
        for (const [k, v] of Object.entries(res ?? {})) if (k !== 'errMsg' && typeof v === 'string') answers[k] = v
        return { asked: true, answers }
      },
      (): SubscribeOutcome => ({ asked: false, reason: 'failed' }),
    )
    const late = new Promise<SubscribeOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ asked: false, reason: 'timeout' }), timeoutMs)
    })
    return Promise.race([answered, late]).finally(() => clearTimeout(timer))
  }
  return {
    request: ask,
    async withSubscribe(moment, action) {
      await ask(moment)
      return action()
    },
  }
}
