import { isRetryable, queueAfterAttempt, queueCounts, type QueueItem } from './queueRules'

const NOW = new Date('2026-11-22T10:00:00+08:00')

test('the device queue: sent → gone, network trouble → still waiting, bad content → needs fixing', () => {
  const item = (key: string): QueueItem & { intake: { title: string } } => ({ key, queuedAt: NOW.toISOString(), intake: { title: '想要一台点读机' }, attempts: 0, status: 'waiting' })
  let queue = [item('dev00001-1'), item('dev00001-2'), item('dev00001-3')]
  expect(queueCounts(queue)).toEqual({ waiting: 3, failed: 0 })
  queue = queueAfterAttempt(queue, 'dev00001-1', { ok: true })
  queue = queueAfterAttempt(queue, 'dev00001-2', { ok: false, code: 'NETWORK.UNAVAILABLE', message: '网络不给力' })
  queue = queueAfterAttempt(queue, 'dev00001-3', { ok: false, code: 'WISH.PRIVATE_INFO', message: '心愿标题里不能写受助人的电话' })
  expect(queue.map((q) => [q.key, q.status, q.attempts])).toEqual([
    ['dev00001-2', 'waiting', 1],
    ['dev00001-3', 'failed', 1],
  ])
  expect(queue[1].error).toEqual({ code: 'WISH.PRIVATE_INFO', message: '心愿标题里不能写受助人的电话' })
  expect(queueCounts(queue)).toEqual({ waiting: 1, failed: 1 })
  // An answer for a key not in the queue changes nothing.
  expect(queueAfterAttempt(queue, 'dev00001-9', { ok: true })).toEqual(queue)
  // The item keeps what the device stored with it.
  expect(queue[0].intake).toEqual({ title: '想要一台点读机' })
})

test('only the network and the server are worth retrying', () => {
  expect(['NETWORK.UNAVAILABLE', 'SYSTEM.BUSY', 'SYSTEM.INTERNAL'].every(isRetryable)).toBe(true)
  expect(['WISH.PRIVATE_INFO', 'AUTH.FORBIDDEN', 'REQUEST.INVALID', 'WISH.BAD_KEY'].some(isRetryable)).toBe(false)
})
