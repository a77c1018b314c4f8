/**
 * Yearly requirements (年度要求): what a county asks of its employed Party members and of the
 * units paired with its communities, and progress against it computed from counted records.
 * The seeds' wording: 龙门县 asks each unit for at least one co-building activity a year (later:
 * a quarter) with its paired community and each member for 1–2 activities a year; 宣恩县 asks
 * each member for at least 8 times and 40 hours a year. These are settings per county, never
 * constants in code. docs/requirements.md says the same in plain words.
 */
import { chinaMidnight, chinaWallClock } from './time'

export const PERIOD_KINDS = ['quarter', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export const PERIOD_LABELS: Record<PeriodKind, string> = { quarter: '季度', year: '年度' }

export interface RequirementRules {
  /** Activities a member takes part in per calendar year; 0: no requirement. */
  memberActivitiesPerYear: number
  /** Service hours a member gives per calendar year; 0: no requirement. */
  memberHoursPerYear: number
  /** Co-building activities a unit holds with its paired communities per `unitPeriod`; 0: none asked. */
  unitActivities: number
  unitPeriod: PeriodKind
}

export type CountField = 'memberActivitiesPerYear' | 'memberHoursPerYear' | 'unitActivities'

/**
 * What a county may ask. Whole numbers only (a stepper's steps); the upper bounds are what a
 * person could still meet (about two activities a week, 10 hours a week over a year, one
 * co-building activity every few days in a quarter) so a typo like 4000 is refused.
 */
export const RULE_BOUNDS: Record<CountField, { min: number; max: number; label: string; unit: string }> = {
  memberActivitiesPerYear: { min: 0, max: 100, label: '党员每年参加活动', unit: '次' },
  memberHoursPerYear: { min: 0, max: 500, label: '党员每年服务时长', unit: '小时' },
  unitActivities: { min: 0, max: 30, label: '单位共建活动', unit: '次' },
}

export const COUNT_FIELDS = Object.keys(RULE_BOUNDS) as CountField[]

/**
 * What applies to a county that never set its own: 龙门县's plan (at least 1–2 activities a
 * year per member, taken as 2; no hours asked; one co-building activity a year per unit).
 */
export const DEFAULT_RULES: RequirementRules = Object.freeze({
  memberActivitiesPerYear: 2,
  memberHoursPerYear: 0,
  unitActivities: 1,
  unitPeriod: 'year',
})

export const ruleMessages = (field: CountField) => {
  const b = RULE_BOUNDS[field]
  return {
    type: `${b.label}必须是数字`,
    integer: `${b.label}必须是整数`,
    min: `${b.label}不能少于${b.min}${b.unit}`,
    max: `${b.label}不能超过${b.max}${b.unit}`,
  }
}

export const PERIOD_MESSAGE = '单位共建活动的周期只能是季度或年度'

/** Every field that is wrong, with the Chinese message to show beside it; {} when all are fine. */
export function checkRules(rules: Record<string, unknown>): Partial<Record<keyof RequirementRules, string>> {
  const errors: Partial<Record<keyof RequirementRules, string>> = {}
  for (const field of COUNT_FIELDS) {
    const value = rules[field]
    const m = ruleMessages(field)
    const b = RULE_BOUNDS[field]
    if (typeof value !== 'number' || Number.isNaN(value)) errors[field] = m.type
    else if (!Number.isInteger(value)) errors[field] = m.integer
    else if (value < b.min) errors[field] = m.min
    else if (value > b.max) errors[field] = m.max
  }
  if (!(PERIOD_KINDS as readonly unknown[]).includes(rules.unitPeriod)) errors.unitPeriod = PERIOD_MESSAGE
  return errors
}

export function sameRules(a: RequirementRules, b: RequirementRules): boolean {
  return COUNT_FIELDS.every((f) => a[f] === b[f]) && a.unitPeriod === b.unitPeriod
}

/** The rules stored on a county, completed with the defaults for anything missing. */
export function effectiveRules(stored: Partial<RequirementRules> | null | undefined): RequirementRules {
  return {
    memberActivitiesPerYear: stored?.memberActivitiesPerYear ?? DEFAULT_RULES.memberActivitiesPerYear,
    memberHoursPerYear: stored?.memberHoursPerYear ?? DEFAULT_RULES.memberHoursPerYear,
    unitActivities: stored?.unitActivities ?? DEFAULT_RULES.unitActivities,
    unitPeriod: stored?.unitPeriod ?? DEFAULT_RULES.unitPeriod,
  }
}

/** 每年参加活动不少于 2 次、服务不少于 40 小时 — the member rule in one line. */
export function describeMemberRule(r: RequirementRules): string {
  const parts: string[] = []
  if (r.memberActivitiesPerYear > 0) parts.push(`参加活动不少于${r.memberActivitiesPerYear}次`)
  if (r.memberHoursPerYear > 0) parts.push(`服务时长不少于${r.memberHoursPerYear}小时`)
  return parts.length ? `党员每年${parts.join('、')}` : '党员暂无年度活动和服务时长要求'
}

export function describeUnitRule(r: RequirementRules): string {
  if (r.unitActivities <= 0) return '单位暂无共建活动要求'
  return `单位每${r.unitPeriod === 'year' ? '年' : '季度'}到结对社区开展共建活动不少于${r.unitActivities}次`
}

// ---- Periods ------------------------------------------------------------------------------

/**
 * Periods are calendar years and quarters in China time (domain/time.ts). dayjs is left out: the
 * client's transport imports this module through `domain/api` into the weapp main package, which
 * the client keeps free of dayjs (client/README.md), and a year or quarter start is one Date.UTC
 * call. domain/requirements.test.ts checks every boundary against Intl's Asia/Shanghai.
 */

export interface Period {
  kind: PeriodKind
  year: number
  /** 1–4 for a quarter. */
  quarter?: number
  /** First instant of the period (inclusive). */
  start: Date
  /** First instant after it (exclusive). */
  end: Date
  /** 2026年 / 2026年第四季度 */
  label: string
}

const QUARTER_NAMES = ['一', '二', '三', '四']


/** The year or quarter (China time) that contains the instant `at`. */
export function periodOf(kind: PeriodKind, at: Date): Period {
  // The wall-clock reading in China, as if it were UTC: its UTC fields are China's calendar fields.
  const local = chinaWallClock(at)
  const year = local.getUTCFullYear()
  if (kind === 'year') return { kind, year, start: chinaMidnight(year, 0), end: chinaMidnight(year + 1, 0), label: `${year}年` }
  const quarter = Math.floor(local.getUTCMonth() / 3) + 1
  const first = (quarter - 1) * 3
  return { kind, year, quarter, start: chinaMidnight(year, first), end: chinaMidnight(year, first + 3), label: `${year}年第${QUARTER_NAMES[quarter - 1]}季度` }
}

/** A period as it travels in an API answer. */
export interface PeriodView {
  kind: PeriodKind
  label: string
  start: string
  end: string
}

export function toPeriodView(p: Period): PeriodView {
  return { kind: p.kind, label: p.label, start: p.start.toISOString(), end: p.end.toISOString() }
}

// ---- Progress -----------------------------------------------------------------------------

/** One number against its target. */
export interface Measure {
  done: number
  /** 0: nothing is asked. */
  target: number
  /** True when nothing is asked or the target is reached. */
  met: boolean
  /** How much is still missing (0 when met). */
  remaining: number
}

/** Hours are summed from records that may hold halves and tenths; keep one decimal, no float dust. */
export const roundHours = (h: number) => Math.round(h * 10) / 10

export function measure(done: number, target: number): Measure {
  const d = roundHours(Math.max(0, done))
  const t = Math.max(0, target)
  return { done: d, target: t, met: d >= t, remaining: roundHours(Math.max(0, t - d)) }
}

/** A member's year against the member rule: met only when both activities and hours are. */
export function memberProgress(rules: RequirementRules, counts: { activities: number; hours: number }) {
  const activities = measure(counts.activities, rules.memberActivitiesPerYear)
  const hours = measure(counts.hours, rules.memberHoursPerYear)
  return { activities, hours, met: activities.met && hours.met }
}

/**
 * A unit's co-building activities in its period against the unit rule, and how many of its
 * registered members meet the member rule (per member: activities and hours this year; a member
 * missing from the counts has done nothing).
 */
export function unitProgress(
  rules: RequirementRules,
  unitActivities: number,
  memberIds: readonly string[],
  perMember: { activities: ReadonlyMap<string, number>; hours: ReadonlyMap<string, number> },
) {
  const activities = measure(unitActivities, rules.unitActivities)
  let met = 0
  for (const id of memberIds) {
    if (memberProgress(rules, { activities: perMember.activities.get(id) ?? 0, hours: perMember.hours.get(id) ?? 0 }).met) met++
  }
  return { activities, members: { registered: memberIds.length, met, notMet: memberIds.length - met } }
}

/** 0–1, for a progress bar; a rule asking nothing shows full. */
export function ratio(m: Measure): number {
  if (m.target <= 0) return 1
  return Math.min(1, m.done / m.target)
}

// ---- The records progress is counted from ---------------------------------------------------

export const SERVICE_SOURCE_KINDS = ['wish', 'order', 'activity'] as const
export type ServiceSourceKind = (typeof SERVICE_SOURCE_KINDS)[number]

/**
 * `service_hours`: the ledger, one row per credited service. The unique index on
 * (source.kind, source.id, userId) makes crediting idempotent: a retried or raced credit of the
 * same wish, order or activity to the same person fails as a duplicate and changes nothing.
 */
export interface ServiceHoursRecord {
  _id?: string
  userId: string
  /** The member's live registration when the service was credited. */
  registrationId: string
  communityId: string
  unitId: string
  hours: number
  source: { kind: ServiceSourceKind; id: string }
  /** When the service was given: what decides the year it counts for. */
  at: Date
  createdAt: Date
  /** Where the service was given (county first): where its hours count in the statistics (domain/stats). */
  lineage?: string[]
}

/** Longest single credit: one service is at most a long day's work. */
export const MAX_HOURS_PER_CREDIT = 24

/** Whether `hours` may be credited for one service: positive, at most 24, in tenths. */
export function validCreditHours(hours: number): boolean {
  return Number.isFinite(hours) && hours > 0 && hours <= MAX_HOURS_PER_CREDIT && roundHours(hours) === hours
}
