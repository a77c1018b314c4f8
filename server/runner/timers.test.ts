// The 7-field timer cron (second minute hour day month week year), evaluated in China time.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { nextFire, parseCron, readTimerTriggers, startTimers, timerEvent, type TimerTrigger } from './timers'

// China time, written as it reads on a wall clock in Beijing.
const cst = (s: string) => new Date(`${s}+08:00`)
const next = (expr: string, after: string) => nextFire(parseCron(expr), cst(after))?.toISOString() ?? null
const iso = (s: string) => cst(s).toISOString()

test.each([
  // expression, after (China time), next (China time)
  ['0 */10 * * * * *', '2026-11-22T10:03:27', '2026-11-22T10:10:00'],
  ['0 */10 * * * * *', '2026-11-22T10:10:00', '2026-11-22T10:20:00'], // strictly after
  ['0 0 2 1 * * *', '2026-11-22T10:00:00', '2026-12-01T02:00:00'], // the docs' example: 02:00 on the 1st
  ['0 0 2 * * * *', '2026-11-22T01:59:59', '2026-11-22T02:00:00'], // 02:00 China time is 18:00 UTC the day before
  ['*/30 * * * * * *', '2026-11-22T10:00:10', '2026-11-22T10:00:30'],
  ['0 1/10 * * * * *', '2026-11-22T10:00:00', '2026-11-22T10:01:00'], // a/n: from a, every n
  ['0 0 9-17/4 * * * *', '2026-11-22T14:00:00', '2026-11-22T17:00:00'],
  ['0 30 8 * * MON-FRI *', '2026-11-21T09:00:00', '2026-11-23T08:30:00'], // Saturday → Monday
  ['0 30 8 * * 0 *', '2026-11-22T09:00:00', '2026-11-29T08:30:00'], // 0 is Sunday (22 Nov 2026 is a Sunday)
  ['0 0 0 1 JAN,jul * *', '2026-02-01T00:00:00', '2026-07-01T00:00:00'],
  ['0 0 0 31 * * *', '2026-11-01T00:00:00', '2026-12-31T00:00:00'], // November has no 31st
  ['0 0 0 29 2 * *', '2026-01-01T00:00:00', '2028-02-29T00:00:00'], // leap day
  ['0 0 0 1 * 1 *', '2026-11-22T00:00:00', '2026-11-23T00:00:00'], // day and week both set: either matches
  ['0 0 12 * * * 2027', '2026-11-22T00:00:00', '2027-01-01T12:00:00'],
])('%s after %s is %s', (expr, after, expected) => {
  expect(next(expr, after)).toBe(iso(expected))
})

test('a schedule that has ended gives null', () => {
  expect(next('0 0 0 1 1 * 2025', '2026-01-01T00:00:00')).toBeNull()
  expect(next('0 0 0 30 2 * *', '2026-01-01T00:00:00')).toBeNull()
})

test.each([
  ['0 */10 * * * *', /7/], // 6 fields (Linux/Quartz style) is not the platform's form
  ['60 * * * * * *', /second 60/],
  ['0 0 24 * * * *', /hour 24/],
  ['0 0 0 0 * * *', /day 0/],
  ['0 0 0 * 13 * *', /month 13/],
  ['0 0 0 * * 7 *', /week 7/],
  ['0 0 0 * * * 2100', /year 2100/],
  ['0 5-1 * * * * *', /backwards/],
  ['0 */0 * * * * *', /step/],
  ['0 ,1 * * * * *', /empty/],
  ['0 x * * * * *', /not a minute/],
])('%s is refused', (expr, why) => {
  expect(() => parseCron(expr)).toThrow(why)
})

test('the timer event is the platform\'s shape, its time to the second in UTC', () => {
  expect(timerEvent('releaseStaleClaims', new Date('2026-11-22T02:10:00.456Z'))).toEqual({
    Type: 'Timer',
    TriggerName: 'releaseStaleClaims',
    Time: '2026-11-22T02:10:00Z',
  })
})

test('triggers are read from config.json and checked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-timers-'))
  const write = (config: unknown) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config))
  try {
    expect(readTimerTriggers(dir)).toEqual([])
    write({ timeout: 5 })
    expect(readTimerTriggers(dir)).toEqual([])
    write({ triggers: [{ name: 'tick', type: 'timer', config: '0 0 * * * * *' }] })
    expect(readTimerTriggers(dir)).toMatchObject([{ name: 'tick', config: '0 0 * * * * *' }])
    write({ triggers: [{ name: '1tick', type: 'timer', config: '0 0 * * * * *' }] })
    expect(() => readTimerTriggers(dir)).toThrow(/start with a letter/)
    write({ triggers: [{ name: 'tick', type: 'cos', config: '' }] })
    expect(() => readTimerTriggers(dir)).toThrow(/not supported/)
    write({ triggers: [{ name: 'tick', type: 'timer', config: '0 0 * * *' }] })
    expect(() => readTimerTriggers(dir)).toThrow(/7/)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

/**
 * A controlled clock for the scheduler: `now()` and the timers it arms move only in `advance(ms)`,
 * which fires what falls due in time order and lets every resulting promise settle in between.
 */
function controlledClock(start: number) {
  let now = start
  let seq = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  const settle = () => new Promise((r) => setImmediate(r))
  return {
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      pending.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout: (h: unknown) => void pending.delete(h as number),
    pending: () => pending.size,
    async advance(ms: number) {
      const end = now + ms
      for (;;) {
        await settle()
        let next: [number, { at: number; fn: () => void }] | undefined
        for (const e of pending) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e
        if (!next) break
        pending.delete(next[0])
        now = next[1].at
        next[1].fn()
      }
      now = end
      await settle()
    },
  }
}

test('the scheduler runs a trigger when it is due, on the functions\' clock, and never twice at once', async () => {
  const trigger: TimerTrigger = { name: 'tick', config: '* * * * * * *', cron: parseCron('* * * * * * *') }
  const fired: string[] = []
  let release: () => void = () => undefined
  let calls = 0
  const runner = {
    timerTriggers: () => [{ fn: 'fn', trigger }],
    async fireTimer(_fn: string, _t: string, opts: { time?: Date } = {}) {
      fired.push(opts.time!.toISOString())
      // The first run hangs until released: the next seconds' runs must be skipped, not stacked.
      if (calls++ === 0) await new Promise<void>((r) => (release = r))
      return { result: null }
    },
  }
  // The functions' clock, a year ahead of the machine's and between two seconds: what is due is
  // computed on it. It moves only when the test says so.
  const start = Date.now() + 365 * 86_400_000
  const clock = controlledClock(Math.floor(start / 1000) * 1000 + 400)
  const skipped: string[] = []
  const scheduler = startTimers(runner, { now: clock.now, timers: clock, log: (m) => skipped.push(m) })
  const seen: string[] = []
  scheduler.onRun((run) => seen.push(run.time))
  try {
    await clock.advance(599)
    expect(fired).toEqual([]) // not due before the next whole second
    await clock.advance(2001)
    // The first second's run is going; the two seconds after it came due and were skipped.
    expect(fired).toEqual([new Date(Math.floor(start / 1000) * 1000 + 1000).toISOString()])
    expect(skipped).toEqual([expect.stringContaining('still going'), expect.stringContaining('still going')])
    release()
    await clock.advance(1500)
    expect(fired.length).toBeGreaterThanOrEqual(2)
    expect(fired[1]).toBe(new Date(Math.floor(start / 1000) * 1000 + 4000).toISOString())
    expect(scheduler.runs.every((r) => r.ok && r.fn === 'fn' && r.trigger === 'tick')).toBe(true)
    expect(seen).toEqual(scheduler.runs.map((r) => r.time))
  } finally {
    scheduler.stop()
  }
  expect(clock.pending()).toBe(0)
})
