/**
 * Households and residents (网格居民 / 楼栋居民), docs/grid.md. A household is a door of a building
 * (`1单元102`); its residents carry the tags the work needs. Personal data: only the grid worker
 * of the grid, the building head of the building and the community's staff see it (permission
 * `household.view` on the household's lineage), never members or residents.
 */
import './errors'
import { DomainError } from '../errors'
import { privateKindsIn } from '../privacy'

export const RESIDENT_TAGS = ['elderly_alone', 'left_behind_child', 'subsistence', 'disabled', 'party_member'] as const
export type ResidentTag = (typeof RESIDENT_TAGS)[number]

export const RESIDENT_TAG_LABELS: Record<ResidentTag, string> = {
  elderly_alone: '独居老人',
  left_behind_child: '留守儿童',
  subsistence: '低保',
  disabled: '残疾',
  party_member: '党员',
}

export const tagFromLabel = (label: string): ResidentTag | null =>
  (Object.entries(RESIDENT_TAG_LABELS).find(([, l]) => l === label.trim())?.[0] as ResidentTag | undefined) ?? null

export interface Resident {
  id: string
  name: string
  tags: ResidentTag[]
  /** Kept for the grid worker's call; masked in lists. */
  phone: string | null
  birthYear: number | null
  note: string
}

export interface HouseholdRecord {
  _id: string
  communityId: string
  gridId: string
  buildingId: string
  buildingName: string
  /** The building's lineage (county … building): what a role must cover to see the household. */
  lineage: string[]
  /** 1单元102 */
  door: string
  residents: Resident[]
  /** Every tag of its residents: what the lists filter on. */
  tags: ResidentTag[]
  lastVisitAt: Date | null
  /**
   * When the next visit is due by the community's rule for its tags; null: no rule applies. Stored
   * (not computed at read time) so 逾期 is an index comparison `visitDueAt < now` that a list counts
   * without loading rows; a change of the rules rewrites it (see `dueGroups`).
   */
  visitDueAt: Date | null
  /**
   * The community's `visitRulesVersion` that `visitDueAt` was computed with (absent: 0, the rules
   * before any change). Every write of `visitDueAt` is conditional on the version it read here, so a
   * writer that read the old rules never overwrites a due date already moved to the new ones.
   */
  visitRulesVersion?: number
  createdAt: Date
  updatedAt: Date
  createdBy: string
}

/** How often a household with a tag is visited, in days (the community's setting); absent: no rule. */
export type VisitRules = Partial<Record<ResidentTag, number>>

export const DEFAULT_VISIT_RULES: VisitRules = Object.freeze({ elderly_alone: 30, left_behind_child: 30, disabled: 60, subsistence: 90 })

/** The tightest interval among the household's tags, or null. */
export function visitEveryDays(tags: readonly ResidentTag[], rules: VisitRules): number | null {
  const days = tags.map((t) => rules[t]).filter((d): d is number => typeof d === 'number' && d > 0)
  return days.length ? Math.min(...days) : null
}

const DAY = 86_400_000

/** Due a visit `every` days after the last one (or after it was recorded, if never visited). */
export function visitDue(h: Pick<HouseholdRecord, 'tags' | 'lastVisitAt' | 'createdAt'>, rules: VisitRules): Date | null {
  const every = visitEveryDays(h.tags, rules)
  if (every === null) return null
  const from = h.lastVisitAt ?? h.createdAt
  return new Date(new Date(from).getTime() + every * DAY)
}

/**
 * Households that share their tags and the moment their interval counts from (their last visit, or
 * when they were recorded if never visited) and the rules version they were computed with: one
 * conditional multi-update each when the rules change. A list imported at once (one createdAt)
 * becomes a handful of groups; a visited household is usually a group of its own.
 */
export interface DueGroup {
  tags: ResidentTag[]
  lastVisitAt: Date | null
  /** Only for households never visited (their due counts from here); null otherwise. */
  createdAt: Date | null
  /** The version the stored due was computed with, as stored (null: absent). */
  version: number | null
  /** The due under the new rules. */
  visitDueAt: Date | null
  ids: string[]
}

type DueInput = Pick<HouseholdRecord, '_id' | 'tags' | 'lastVisitAt' | 'createdAt' | 'visitRulesVersion'>

/**
 * The groups whose due must move to `rules` (version `version`): households already at that
 * version, or at a later one (a newer change got there first), are left alone.
 */
export function dueGroups(households: readonly DueInput[], rules: VisitRules, version: number): DueGroup[] {
  const groups = new Map<string, DueGroup>()
  for (const h of households) {
    if ((h.visitRulesVersion ?? 0) >= version) continue
    const last = h.lastVisitAt ? new Date(h.lastVisitAt) : null
    const created = last ? null : new Date(h.createdAt)
    const tags = [...h.tags]
    const key = `${tags.join(',')}|${last?.getTime() ?? ''}|${created?.getTime() ?? ''}|${h.visitRulesVersion ?? ''}`
    const g = groups.get(key)
    if (g) g.ids.push(h._id)
    else groups.set(key, { tags, lastVisitAt: last, createdAt: created, version: h.visitRulesVersion ?? null, visitDueAt: visitDue({ tags, lastVisitAt: last, createdAt: created ?? h.createdAt }, rules), ids: [h._id] })
  }
  return [...groups.values()]
}

export const isOverdue = (h: Pick<HouseholdRecord, 'visitDueAt'>, now: Date) => !!h.visitDueAt && new Date(h.visitDueAt) < now

export const DOOR_PATTERN = /^[0-9A-Za-z\u4e00-\u9fa5\-#]{1,20}$/

export interface ResidentInput {
  name: string
  tags: ResidentTag[]
  phone?: string | null
  birthYear?: number | null
  note?: string
}

export function checkDoor(door: string): string {
  const d = door.trim()
  if (!DOOR_PATTERN.test(d)) throw new DomainError('HOUSEHOLD.BAD_DOOR')
  return d
}

export function checkResidents(residents: readonly ResidentInput[]): void {
  if (residents.length === 0) throw new DomainError('HOUSEHOLD.NO_RESIDENT')
  for (const r of residents) {
    if (r.phone && !/^1\d{10}$/.test(r.phone.replace(/\D/g, ''))) throw new DomainError('HOUSEHOLD.BAD_PHONE')
    if ((r.note ?? '') && privateKindsIn(r.note ?? '').includes('phone')) throw new DomainError('HOUSEHOLD.BAD_PHONE', '备注里不要写电话号码，请填在电话一栏')
  }
}

export function tagsOf(residents: readonly Pick<Resident, 'tags'>[]): ResidentTag[] {
  return RESIDENT_TAGS.filter((t) => residents.some((r) => r.tags.includes(t)))
}
