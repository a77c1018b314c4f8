import Taro from '@tarojs/taro'
import { stubFetch } from '@/test-support/fetchStub'
import { COUNTER_STORAGE_KEY, createOfflineQueue, DEVICE_STORAGE_KEY, nextIntakeKey, QUEUE_STORAGE_KEY, type OfflineQueue, type QueuedIntake } from './offlineQueue'
import { submitWish } from './wishes'

const intake: QueuedIntake = {
  for: 'household',
  title: '想要一台收音机',
  details: '王奶奶一个人住，想听戏曲频道',
  estimatedValue: 120,
  category: '孤寡老人',
  beneficiaryName: '王秀英',
  buildingId: 'org-beimen-b1',
  photos: [],
  consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
}

/**
 * The wishes function's replay rule at the browser edge: the first delivery of a key makes a wish,
 * every later one answers that wish with replayed: true (the unique index on author + key).
 */
function wishesServer() {
  const byKey = new Map<string, string>()
  let online = false
  let loseAnswers = 0
  const route = (req: { body: unknown }) => {
    if (!online) return { networkError: true as const }
    const body = req.body as { action: string; key: string }
    const known = byKey.get(body.key)
    const id = known ?? `w${byKey.size + 1}`
    byKey.set(body.key, id)
    // The wish is stored but the answer never reaches the phone (signal lost on the way back).
    if (loseAnswers > 0) {
      loseAnswers--
      return { networkError: true as const }
    }
    return { json: { code: 0, data: { id, state: 'submitted', replayed: Boolean(known) } } }
  }
  return {
    route,
    wishes: () => byKey.size,
    setOnline: (v: boolean) => (online = v),
    loseNextAnswer: () => (loseAnswers = 1),
  }
}

let backend: ReturnType<typeof stubFetch>
let queue: OfflineQueue

beforeEach(() => {
  Taro.clearStorageSync()
})
afterEach(() => {
  queue?.dispose()
  backend?.restore()
})

const submit = (key: string, i: QueuedIntake) => submitWish({ key, ...i })
// Backoff timers long enough never to fire inside a test: the test drives every flush.
const slow = { baseMs: 60_000, maxMs: 60_000 }

test('keys: a device id kept in storage and a counter that only grows', () => {
  const a = nextIntakeKey()
  const b = nextIntakeKey()
  const device = Taro.getStorageSync(DEVICE_STORAGE_KEY)
  expect(a).toBe(`${device}-1`)
  expect(b).toBe(`${device}-2`)
  expect(Taro.getStorageSync(COUNTER_STORAGE_KEY)).toBe('2')
})

test('offline: kept on the device with its key, counted as waiting, survives a new queue (app restart)', async () => {
  const server = wishesServer()
  backend = stubFetch({ '/api/wishes': server.route })
  queue = createOfflineQueue({ submit, backoff: slow })
  const key = queue.enqueue(intake)
  await queue.flush()
  expect(queue.counts()).toEqual({ waiting: 1, failed: 0 })
  expect(queue.list()[0]).toMatchObject({ key, status: 'waiting', intake: { title: '想要一台收音机' } })
  expect(queue.list()[0].attempts).toBeGreaterThanOrEqual(1)
  expect(JSON.parse(Taro.getStorageSync(QUEUE_STORAGE_KEY))).toHaveLength(1)

  queue.dispose()
  queue = createOfflineQueue({ submit, backoff: slow })
  expect(queue.list().map((q) => q.key)).toEqual([key])
  server.setOnline(true)
  await queue.flush()
  expect(queue.counts()).toEqual({ waiting: 0, failed: 0 })
  expect(queue.results().get(key)).toEqual({ id: 'w1', state: 'submitted', replayed: false })
  expect(server.wishes()).toBe(1)
})

test('the same submission replayed five times makes one wish: one key, the first result every time', async () => {
  const server = wishesServer()
  backend = stubFetch({ '/api/wishes': server.route })
  queue = createOfflineQueue({ submit, backoff: slow })
  const key = queue.enqueue(intake)
  // Five tries with no signal, and one whose answer is lost after the server stored the wish.
  for (let i = 0; i < 4; i++) await queue.flush()
  server.setOnline(true)
  server.loseNextAnswer()
  await queue.flush()
  expect(queue.counts()).toEqual({ waiting: 1, failed: 0 })
  await queue.flush()

  const sent = backend.to('/api/wishes').map((r) => (r.body as { key: string }).key)
  expect(sent.length).toBeGreaterThanOrEqual(6)
  expect(new Set(sent)).toEqual(new Set([key]))
  expect(server.wishes()).toBe(1)
  expect(queue.results().get(key)).toEqual({ id: 'w1', state: 'submitted', replayed: true })
  expect(queue.list()).toEqual([])

  // Replaying the stored submission by hand (five concurrent sends of the same key) answers the same wish.
  const answers = await Promise.all(Array.from({ length: 5 }, () => submit(key, intake)))
  expect(new Set(answers.map((a) => a.id))).toEqual(new Set(['w1']))
  expect(server.wishes()).toBe(1)
})

test('concurrent flushes never send one key twice at the same time', async () => {
  const server = wishesServer()
  server.setOnline(true)
  let inFlight = 0
  let most = 0
  backend = stubFetch({
    '/api/wishes': async (req) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((r) => setTimeout(r, 5))
      inFlight--
      return server.route(req)
    },
  })
  queue = createOfflineQueue({ submit, backoff: slow })
  queue.enqueue(intake)
  await Promise.all(Array.from({ length: 5 }, () => queue.flush()))
  expect(most).toBe(1)
  expect(backend.to('/api/wishes')).toHaveLength(1)
  expect(server.wishes()).toBe(1)
})

test('a refusal is kept as 需修改 with its Chinese message; the next one is still sent', async () => {
  backend = stubFetch({
    '/api/wishes': (req) => {
      const body = req.body as { title: string; key: string }
      if (body.title === '坏') return { status: 400, json: { code: 'WISH.TEXT_EMPTY', message: '心愿标题至少写2个字' } }
      return { json: { code: 0, data: { id: 'w9', state: 'submitted', replayed: false } } }
    },
  })
  queue = createOfflineQueue({ submit, backoff: slow })
  queue.enqueue({ ...intake, title: '坏' })
  queue.enqueue(intake)
  await queue.flush()
  expect(queue.counts()).toEqual({ waiting: 0, failed: 1 })
  expect(queue.list()[0]).toMatchObject({ status: 'failed', error: { code: 'WISH.TEXT_EMPTY', message: '心愿标题至少写2个字' } })
  queue.discard(queue.list()[0].key)
  expect(queue.list()).toEqual([])
})

test('the browser coming back online sends what waits; network failures retry with backoff', async () => {
  jest.useFakeTimers()
  try {
    const server = wishesServer()
    backend = stubFetch({ '/api/wishes': server.route })
    const online = new Set<() => void>()
    queue = createOfflineQueue({
      submit,
      backoff: { baseMs: 1000, maxMs: 4000 },
      watchOnline: (cb) => {
        online.add(cb)
        return () => online.delete(cb)
      },
    })
    queue.enqueue(intake)
    await jest.advanceTimersByTimeAsync(0)
    expect(backend.to('/api/wishes')).toHaveLength(1)
    await jest.advanceTimersByTimeAsync(1000) // retry 1 after 1 s
    expect(backend.to('/api/wishes')).toHaveLength(2)
    await jest.advanceTimersByTimeAsync(1999) // retry 2 after 2 s
    expect(backend.to('/api/wishes')).toHaveLength(2)
    await jest.advanceTimersByTimeAsync(1)
    expect(backend.to('/api/wishes')).toHaveLength(3)

    server.setOnline(true)
    online.forEach((cb) => cb())
    await jest.advanceTimersByTimeAsync(0)
    expect(queue.counts()).toEqual({ waiting: 0, failed: 0 })
    expect(server.wishes()).toBe(1)
  } finally {
    jest.useRealTimers()
  }
})
