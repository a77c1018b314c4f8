import { createSubscriber } from './subscribeCore'

/**
 * Browser (local mode): there are no subscription messages; the emulator records what the
 * function sends in its outbox (消息 page) whether anyone subscribed or not. The action runs at once.
 */
export type { SubscribeMoment, SubscribeOutcome } from './subscribeCore'

const subscriber = createSubscriber(null)

export const requestSubscribe = subscriber.request
export const withSubscribe = subscriber.withSubscribe
