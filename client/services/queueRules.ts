/**
 * The rules of the grid worker's device queue (offlineQueue.ts), apart from storage and network so
 * they are tested alone: what one send attempt does to the queue, and what the counter shows.
 */

/** One submission waiting on the device. `status` is what the worker's counter shows. */
export interface QueueItem {
  /** The idempotency key (domain/wishes intakeKey): the server answers a replay with the first wish. */
  key: string
  /** Device clock when queued; the server stamps its own time on the wish. */
  queuedAt: string
  attempts: number
  status: 'waiting' | 'failed'
  /** For `failed`: the code and Chinese message the worker must act on. */
  error?: { code: string; message: string }
}

export type AttemptOutcome = { ok: true } | { ok: false; code: string; message: string }

/** Errors worth retrying later: the network or the server, not the content. */
export function isRetryable(code: string): boolean {
  return code === 'NETWORK.UNAVAILABLE' || code === 'SYSTEM.BUSY' || code === 'SYSTEM.INTERNAL'
}

/** The queue after one send attempt: delivered → gone; retryable → waiting; otherwise failed with the reason. */
export function queueAfterAttempt<T extends QueueItem>(queue: readonly T[], key: string, outcome: AttemptOutcome): T[] {
  return queue.flatMap((item) => {
    if (item.key !== key) return [item]
    if (outcome.ok) return []
    const attempts = item.attempts + 1
    if (isRetryable(outcome.code)) return [{ ...item, attempts, status: 'waiting' as const }]
    return [{ ...item, attempts, status: 'failed' as const, error: { code: outcome.code, message: outcome.message } }]
  })
}

/** The worker's counter: 待发送 N (waiting) and 需修改 M (failed). */
export function queueCounts(queue: readonly QueueItem[]): { waiting: number; failed: number } {
  return { waiting: queue.filter((q) => q.status === 'waiting').length, failed: queue.filter((q) => q.status === 'failed').length }
}
