import { createSubscriber } from './subscribeCore'

/**
 * Subscription-message requests when a person acts (提交心愿, 点亮, 送达; 点单, 接单, 领单, …). Taro picks
 * subscribe.weapp.ts (Taro.requestSubscribeMessage) or subscribe.h5.ts (nothing to ask) by file
 * suffix; this fallback is what the type checker sees and what other platforms get: no request.
 */
export type { SubscribeMoment, SubscribeOutcome } from './subscribeCore'

const subscriber = createSubscriber(null)

export const requestSubscribe = subscriber.request
export const withSubscribe = subscriber.withSubscribe
