/** Preferred-time choices as big buttons instead of a small date wheel, in China time. */
import { startOfChinaDay } from '@domain/time'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface TimeChoice {
  id: string
  label: string
  at: string
}

/** 尽快 (within the hour), then today's afternoon if still ahead, then the next two days' mornings and afternoons. */
export function timeChoices(now: Date): TimeChoice[] {
  const t = now.getTime()
  const midnight = startOfChinaDay(now).getTime()
  const at = (day: number, hour: number) => new Date(midnight + day * DAY + hour * HOUR)
  // Rounded up to the next half hour, at least 30 minutes ahead: time to read the order.
  const soon = new Date(Math.ceil((t + 30 * 60_000) / (30 * 60_000)) * 30 * 60_000)
  const out: TimeChoice[] = [{ id: 'soon', label: '尽快', at: soon.toISOString() }]
  const slots: Array<[string, number, number, string]> = [
    ['today-pm', 0, 15, '今天下午3点'],
    ['tomorrow-am', 1, 9, '明天上午9点'],
    ['tomorrow-pm', 1, 15, '明天下午3点'],
    ['after-am', 2, 9, '后天上午9点'],
    ['after-pm', 2, 15, '后天下午3点'],
  ]
  for (const [id, day, hour, label] of slots) {
    const d = at(day, hour)
    if (d.getTime() > soon.getTime()) out.push({ id, label, at: d.toISOString() })
  }
  return out
}

/** The order's own id, made when the form opens, so a retried send places one order. */
export function newOrderId(): string {
  return `o-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** A new service item's id, made when its form opens, so a retried save creates one item. */
export function newItemId(): string {
  return `si-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
