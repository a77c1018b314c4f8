import Taro from '@tarojs/taro'
import { createSubscriber, type RequestTemplates } from './subscribeCore'

/**
 * WeChat: the subscription panel for the moment's templates (ids from the build, the same the
 * wishes and orders functions send with: domain/notifications.ts). Older clients without the API, a refusal or
 * a ban are all fine: the person simply gets no message.
 */
export type { SubscribeMoment, SubscribeOutcome } from './subscribeCore'

const requestTemplates: RequestTemplates = (tmplIds) => {
  const api = (Taro as unknown as { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<Record<string, unknown>> }).requestSubscribeMessage
  if (typeof api !== 'function') return Promise.reject(new Error('requestSubscribeMessage unavailable'))
  return api({ tmplIds })
}

const subscriber = createSubscriber(requestTemplates)

export const requestSubscribe = subscriber.request
export const withSubscribe = subscriber.withSubscribe
