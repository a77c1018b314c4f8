import Taro from '@tarojs/taro'
import { ORDER_TEMPLATE_DEFAULTS, WISH_TEMPLATE_DEFAULTS } from '@domain/notifications'
import { requestSubscribe, withSubscribe } from './subscribe.weapp'
import * as h5 from './subscribe.h5'
import { createSubscriber } from './subscribeCore'

// On weapp Taro.requestSubscribeMessage is wx.requestSubscribeMessage; here a double stands in for the platform.
type Api = { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<Record<string, unknown>> }
const platform = Taro as unknown as Api
const original = platform.requestSubscribeMessage
afterEach(() => {
  platform.requestSubscribeMessage = original
})

test('lighting: the panel asks for release and confirmation BEFORE the action runs', async () => {
  const events: string[] = []
  platform.requestSubscribeMessage = jest.fn(async ({ tmplIds }) => {
    events.push(`ask ${tmplIds.join(',')}`)
    return { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(tmplIds.map((id) => [id, 'accept'])) }
  })
  const result = await withSubscribe('light', async () => {
    events.push('light')
    return 'lit'
  })
  expect(result).toBe('lit')
  expect(events).toEqual([`ask ${WISH_TEMPLATE_DEFAULTS.released},${WISH_TEMPLATE_DEFAULTS.confirmed}`, 'light'])
})

test('the request starts synchronously, inside the tap (WeChat opens the panel only from a gesture)', () => {
  const ask = jest.fn(() => new Promise<Record<string, unknown>>(() => undefined))
  platform.requestSubscribeMessage = ask
  void withSubscribe('submit', () => undefined)
  expect(ask).toHaveBeenCalledTimes(1)
  expect(ask.mock.calls[0]).toEqual([{ tmplIds: [WISH_TEMPLATE_DEFAULTS.published, WISH_TEMPLATE_DEFAULTS.rejected, WISH_TEMPLATE_DEFAULTS.lit] }])
})

test('a refusal still lets the action through, and says what was refused', async () => {
  platform.requestSubscribeMessage = jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok', [WISH_TEMPLATE_DEFAULTS.confirmed]: 'reject' }))
  const action = jest.fn(async () => 'delivered')
  await expect(withSubscribe('deliver', action)).resolves.toBe('delivered')
  expect(action).toHaveBeenCalledTimes(1)
  await expect(requestSubscribe('deliver')).resolves.toEqual({ asked: true, answers: { [WISH_TEMPLATE_DEFAULTS.confirmed]: 'reject' } })
})

test('a failing API (switched off in settings, 20004) or a missing one never stops the action', async () => {
  platform.requestSubscribeMessage = jest.fn(() => Promise.reject({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' }))
  await expect(withSubscribe('light', () => 'ok')).resolves.toBe('ok')
  platform.requestSubscribeMessage = jest.fn(() => {
    throw new Error('synchronous failure')
  })
  await expect(withSubscribe('light', () => 'ok')).resolves.toBe('ok')
  delete platform.requestSubscribeMessage
  await expect(requestSubscribe('light')).resolves.toEqual({ asked: false, reason: 'failed' })
  await expect(withSubscribe('light', () => 'ok')).resolves.toBe('ok')
})

test('an API that never answers is given up after the timeout, and the action runs', async () => {
  jest.useFakeTimers()
  try {
    const subscriber = createSubscriber(() => new Promise(() => undefined), undefined, 1000)
    const action = jest.fn(() => 'ran')
    const done = subscriber.withSubscribe('light', action)
    expect(action).not.toHaveBeenCalled()
    await jest.advanceTimersByTimeAsync(1000)
    await expect(done).resolves.toBe('ran')
  } finally {
    jest.useRealTimers()
  }
})

test('template ids come from the build constants (LIANXIN_TPL_WISH_*)', async () => {
  process.env.LIANXIN_TPL_WISH_RELEASED = 'tpl-released-prod'
  try {
    const asked: string[][] = []
    const subscriber = createSubscriber(async (ids) => {
      asked.push(ids)
      return {}
    })
    await subscriber.request('light')
    expect(asked).toEqual([['tpl-released-prod', WISH_TEMPLATE_DEFAULTS.confirmed]])
  } finally {
    delete process.env.LIANXIN_TPL_WISH_RELEASED
  }
})

test('h5 asks nothing and runs the action at once', async () => {
  platform.requestSubscribeMessage = jest.fn()
  await expect(h5.requestSubscribe('light')).resolves.toEqual({ asked: false, reason: 'unsupported' })
  await expect(h5.withSubscribe('submit', () => 7)).resolves.toBe(7)
  expect(platform.requestSubscribeMessage).not.toHaveBeenCalled()
})

test('order template ids come from the build constants too (LIANXIN_TPL_ORDER_*), the ids the orders function sends with', async () => {
  process.env.LIANXIN_TPL_ORDER_DONE = 'tpl-order-done-prod'
  try {
    const asked: string[][] = []
    const subscriber = createSubscriber(async (ids) => {
      asked.push(ids)
      return {}
    })
    await subscriber.request('orderPlace')
    await subscriber.request('orderTake')
    expect(asked).toEqual([[ORDER_TEMPLATE_DEFAULTS.orderClaim, 'tpl-order-done-prod'], [ORDER_TEMPLATE_DEFAULTS.orderDispatch]])
  } finally {
    delete process.env.LIANXIN_TPL_ORDER_DONE
  }
})
