/**
 * Timer triggers, declared the WeChat way in a function's config.json:
 *   "triggers": [{ "name": "releaseStaleClaims", "type": "timer", "config": "0 0 * * * * *" }]
 * The cron expression has 7 fields: second minute hour day month week year, each with `, - * /`;
 * months 1–12 or JAN–DEC, week 0–6 or SUN–SAT (0 is Sunday), year 1970–2099. Times are China time
 * (UTC+8), as the platform evaluates them. With both day and week restricted, either one matching is
 * enough (classic cron; the platform's docs do not say). No library parses the 7-field form with a
 * year, so this one does, with a table of tests beside it.
 *
 * A timer invocation gets `{ Type: 'Timer', TriggerName, Time }` and no caller identity.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CHINA_OFFSET_MS } from '../../domain/time'

export interface TimerTrigger {
  name: string
  config: string
  cron: Cron
}

export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  /** ISO time in UTC, to the second, as the platform sends it. */
  Time: string
}

interface Field {
  values: Set<number>
  /** `*` (or `*` with a step of 1): does not restrict; matters for the day/week rule. */
  any: boolean
}

export interface Cron {
  second: Field
  minute: Field
  hour: Field
  day: Field
  month: Field
  week: Field
  year: Field
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

const SPECS: Array<{ key: keyof Cron; min: number; max: number; names?: string[]; nameBase?: number }> = [
  { key: 'second', min: 0, max: 59 },
  { key: 'minute', min: 0, max: 59 },
  { key: 'hour', min: 0, max: 23 },
  { key: 'day', min: 1, max: 31 },
  { key: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { key: 'week', min: 0, max: 6, names: DAYS, nameBase: 0 },
  { key: 'year', min: 1970, max: 2099 },
]

export class CronError extends Error {
  constructor(expr: string, why: string) {
    super(`invalid timer cron "${expr}": ${why}`)
    this.name = 'CronError'
  }
}

function parseField(expr: string, text: string, spec: (typeof SPECS)[number]): Field {
  const values = new Set<number>()
  let any = false
  const num = (s: string): number => {
    const upper = s.toUpperCase()
    if (spec.names && spec.names.includes(upper)) return spec.names.indexOf(upper) + (spec.nameBase ?? 0)
    if (!/^\d+$/.test(s)) throw new CronError(expr, `"${s}" is not a ${spec.key} value`)
    const n = Number(s)
    if (n < spec.min || n > spec.max) throw new CronError(expr, `${spec.key} ${n} is outside ${spec.min}-${spec.max}`)
    return n
  }
  for (const item of text.split(',')) {
    if (item === '') throw new CronError(expr, `empty item in the ${spec.key} field`)
    const [range, stepText, extra] = item.split('/')
    if (extra !== undefined) throw new CronError(expr, `"${item}" has two steps`)
    let step = 1
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new CronError(expr, `step "${stepText}" in the ${spec.key} field`)
      step = Number(stepText)
    }
    let lo: number
    let hi: number
    if (range === '*') {
      lo = spec.min
      hi = spec.max
      if (step === 1) any = true
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-')
      if (more !== undefined) throw new CronError(expr, `"${range}" is not a range`)
      lo = num(a)
      hi = num(b)
      if (lo > hi) throw new CronError(expr, `range ${range} runs backwards`)
    } else {
      lo = num(range)
      // `a/n` means from a to the end, every n (as the platform's docs show for minutes: 1/10).
      hi = stepText !== undefined ? spec.max : lo
    }
    for (let v = lo; v <= hi; v += step) values.add(v)
  }
  return { values, any }
}

export function parseCron(expr: string): Cron {
  if (typeof expr !== 'string') throw new CronError(String(expr), 'not a string')
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7) throw new CronError(expr, `it has ${parts.length} fields; a timer trigger needs 7 (second minute hour day month week year)`)
  const cron = {} as Cron
  SPECS.forEach((spec, i) => (cron[spec.key] = parseField(expr, parts[i], spec)))
  return cron
}


function dayMatches(cron: Cron, wall: Date): boolean {
  const dom = cron.day.values.has(wall.getUTCDate())
  const dow = cron.week.values.has(wall.getUTCDay())
  if (cron.day.any && cron.week.any) return true
  if (cron.day.any) return dow
  if (cron.week.any) return dom
  return dom || dow
}

/** The first time strictly after `after` when the cron fires, or null when it never will again. */
export function nextFire(cron: Cron, after: Date): Date | null {
  // Work on "wall" time: China time read through the UTC getters.
  const wall = new Date(Math.floor((after.getTime() + CHINA_OFFSET_MS) / 1000) * 1000 + 1000)
  for (let guard = 0; guard < 500_000; guard++) {
    const y = wall.getUTCFullYear()
    if (y > 2099) return null
    if (!cron.year.values.has(y)) {
      wall.setUTCFullYear(y + 1, 0, 1)
      wall.setUTCHours(0, 0, 0, 0)
      continue
    }
    if (!cron.month.values.has(wall.getUTCMonth() + 1)) {
      wall.setUTCMonth(wall.getUTCMonth() + 1, 1)
      wall.setUTCHours(0, 0, 0, 0)
      continue
    }
    if (!dayMatches(cron, wall)) {
      wall.setUTCDate(wall.getUTCDate() + 1)
      wall.setUTCHours(0, 0, 0, 0)
      continue
    }
    if (!cron.hour.values.has(wall.getUTCHours())) {
      wall.setUTCHours(wall.getUTCHours() + 1, 0, 0, 0)
      continue
    }
    if (!cron.minute.values.has(wall.getUTCMinutes())) {
      wall.setUTCMinutes(wall.getUTCMinutes() + 1, 0, 0)
      continue
    }
    if (!cron.second.values.has(wall.getUTCSeconds())) {
      wall.setUTCSeconds(wall.getUTCSeconds() + 1, 0)
      continue
    }
    return new Date(wall.getTime() - CHINA_OFFSET_MS)
  }
  return null
}

const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

/** The timer triggers a built function declares in its config.json (none when it has no config). */
export function readTimerTriggers(functionDir: string): TimerTrigger[] {
  let config: any
  try {
    config = JSON.parse(fs.readFileSync(path.join(functionDir, 'config.json'), 'utf8'))
  } catch {
    return []
  }
  const triggers = config?.triggers
  if (triggers === undefined) return []
  const where = path.join(functionDir, 'config.json')
  if (!Array.isArray(triggers)) throw new Error(`${where}: "triggers" must be an array`)
  const seen = new Set<string>()
  return triggers.map((t: any) => {
    if (t?.type !== 'timer') throw new Error(`${where}: trigger type "${t?.type}" is not supported (only "timer")`)
    if (typeof t.name !== 'string' || !TRIGGER_NAME.test(t.name)) throw new Error(`${where}: trigger name "${t?.name}" must start with a letter and use a-z A-Z 0-9 - _ (at most 60)`)
    if (seen.has(t.name)) throw new Error(`${where}: two triggers are named ${t.name}`)
    seen.add(t.name)
    return { name: t.name, config: t.config, cron: parseCron(t.config) }
  })
}

export function timerEvent(triggerName: string, time: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z') }
}

/** What the scheduler needs from the runner. */
export interface TimerRunner {
  fireTimer(fn: string, triggerName: string, options?: { time?: Date }): Promise<{ result?: unknown; error?: { errCode: number; errMsg: string } }>
  timerTriggers(): Array<{ fn: string; trigger: TimerTrigger }>
}

export interface TimerRun {
  fn: string
  trigger: string
  time: string
  ok: boolean
  error?: string
}

export interface Scheduler {
  /** The latest runs, oldest first (at most 100). */
  readonly runs: TimerRun[]
  /** Calls `listener` after each run is recorded; returns the unsubscribe. */
  onRun(listener: (run: TimerRun) => void): () => void
  stop(): void
}

/** Where the scheduler's waits come from: the real timers, or a controlled clock in tests. */
export interface TimerClock {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const REAL_TIMERS: TimerClock = {
  setTimeout(fn, ms) {
    const h = setTimeout(fn, ms)
    h.unref()
    return h
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
}

/**
 * Runs every declared timer on schedule (`npm start`). `now` is the functions' clock (real time
 * plus the local clock offset). A run still going when the next is due is not started twice.
 * `timers` replaces the real setTimeout/clearTimeout (tests drive a controlled clock with it and `now`).
 */
export function startTimers(runner: TimerRunner, options: { now?: () => number; timers?: TimerClock; log?: (m: string) => void } = {}): Scheduler {
  const now = options.now ?? (() => Date.now())
  const timers = options.timers ?? REAL_TIMERS
  const log = options.log ?? ((m) => console.warn(`[timers] ${m}`))
  const runs: TimerRun[] = []
  const listeners = new Set<(run: TimerRun) => void>()
  const handles = new Set<unknown>()
  const busy = new Set<string>()
  let stopped = false

  const arm = (fn: string, trigger: TimerTrigger, from: number) => {
    if (stopped) return
    const due = nextFire(trigger.cron, new Date(from))
    if (!due) return
    const key = `${fn}/${trigger.name}`
    const wait = () => {
      if (stopped) return
      const delay = due.getTime() - now()
      // setTimeout holds at most ~24.8 days; longer waits re-arm.
      const h = timers.setTimeout(() => {
        handles.delete(h)
        void fire()
      }, Math.min(Math.max(delay, 0), 2 ** 31 - 1))
      handles.add(h)
    }
    const fire = async () => {
      if (stopped) return
      if (due.getTime() > now()) return wait()
      // The next one is armed now, so a long run does not shift the schedule.
      arm(fn, trigger, Math.max(due.getTime(), now()))
      if (busy.has(key)) {
        log(`${key}: the previous run is still going; skipped the one due at ${due.toISOString()}`)
        return
      }
      busy.add(key)
      try {
        const out = await runner.fireTimer(fn, trigger.name, { time: due })
        const run: TimerRun = { fn, trigger: trigger.name, time: due.toISOString(), ok: !out.error, error: out.error?.errMsg }
        runs.push(run)
        if (runs.length > 100) runs.shift()
        if (out.error) log(`${fn}/${trigger.name} failed: ${out.error.errMsg}`)
        for (const listener of listeners) {
          try {
            listener(run)
          } catch (e) {
            log(`a run listener failed: ${(e as Error).message}`)
          }
        }
      } catch (e) {
        log(`${fn}/${trigger.name} could not run: ${(e as Error).message}`)
      } finally {
        busy.delete(key)
      }
    }
    wait()
  }

  for (const { fn, trigger } of runner.timerTriggers()) arm(fn, trigger, now())
  return {
    runs,
    onRun(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    stop() {
      stopped = true
      for (const h of handles) timers.clearTimeout(h)
      handles.clear()
      listeners.clear()
    },
  }
}
