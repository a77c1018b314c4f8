/**
 * What is stored for activities (collection `activities`), their attendance
 * (`activity_attendance`, one record per activity and person), the county's theme menu
 * (`activity_themes`) and per-person yearly tallies (`tallies`).
 */
import type { ActivityState, ActivityVerb } from './lifecycle'

export type OrganiserKind = 'unit' | 'community' | 'branch'

export const ORGANISER_KIND_LABELS: Record<OrganiserKind, string> = { unit: '单位', community: '社区', branch: '小区党支部' }

/** Who runs the activity: a unit (with its paired community), a community, or a compound's branch. */
export interface Organiser {
  kind: OrganiserKind
  /** The unit id, or the community / compound node id. */
  id: string
  name: string
  /** A community or compound: its lineage (what an admin's scope must cover); a unit: its county. */
  lineage: string[]
}

/** One line of an activity's timeline: a state change or a seat moving (sign-up, withdrawal, promotion). */
export interface ActivityHistoryEntry {
  verb: ActivityVerb | 'create' | 'signUp' | 'joinWaitlist' | 'withdraw' | 'promote' | 'correct' | 'decline'
  from: ActivityState
  to: ActivityState
  by: string
  byName: string
  at: Date
  op?: string
  reason?: string
  /** The person whose seat or hours moved (promote: the first on the waiting list). */
  userId?: string
  hours?: number
}

export interface ActivityRecord {
  _id: string
  state: ActivityState
  stateSince: Date
  title: string
  description: string
  themeId: string | null
  themeTitle: string | null
  organiser: Organiser
  /** The organising unit (co-building: counted for the unit), else null. */
  unitId: string | null
  communityId: string
  countyId: string
  /** The place node's lineage, county first, the place last. */
  lineage: string[]
  placeName: string
  address: string
  startAt: Date
  endAt: Date
  capacity: number
  skills: string[]
  /** Planned hours: what an attendee may be credited at most. */
  hours: number
  openToCitizens: boolean
  /** Who holds a seat and who waits for one, in order; the counters move in the same write. */
  seatedIds: string[]
  waitingIds: string[]
  seatCount: number
  waitCount: number
  /** Moves with every seat change: a withdrawal that rewrites the lists is conditional on it. */
  version: number
  /** Key of the rotating check-in code; never leaves the cloud function. */
  checkInSecret: string
  reason?: string
  /** The organiser's corrections of the hours list, by person: never deleted, declined with a reason. */
  adjustments?: Record<string, Adjustment>
  booking?: { people: number; hours: number; at: Date }
  createdBy: string
  createdAt: Date
  updatedAt: Date
  history: ActivityHistoryEntry[]
}

/** A corrected line of the hours list (hours set by the organiser) or a declined one (no hours), with why. */
export interface Adjustment {
  hours: number | null
  declined: boolean
  reason: string
  by: string
  byName: string
  at: Date
}

export type CheckInVia = 'code' | 'card'

export interface AttendanceEntry {
  verb: 'checkIn' | 'checkOut'
  by: string
  byName: string
  at: Date
  hours?: number
  reason?: string
}

/** `_id` = `${activityId}:${userId}`: a replayed scan inserts nothing new. */
export interface AttendanceRecord {
  _id: string
  activityId: string
  userId: string
  name: string
  /** A member's live registration when they checked in; null for a caring citizen. */
  registrationId: string | null
  unitId: string | null
  communityId: string | null
  countyId: string
  /** When the service was given (the activity's start): what decides the year it counts for. */
  at: Date
  checkInAt: Date
  checkOutAt: Date | null
  via: CheckInVia
  /** Where the hours-booked message goes (kept so booking 200 people reads no one's record). */
  openid?: string | null
  history: AttendanceEntry[]
}

export const attendanceId = (activityId: string, userId: string) => `${activityId}:${userId}`

/** A month of the county's theme menu (主题月活动菜单), e.g. 4月 "我为群众办实事". `_id` = `${countyId}:${year}:${month}`. */
export interface ThemeRecord {
  _id: string
  countyId: string
  year: number
  month: number
  title: string
  description: string
  updatedBy: string
  updatedAt: Date
}

export const themeId = (countyId: string, year: number, month: number) => `${countyId}:${year}:${String(month).padStart(2, '0')}`

/**
 * A person's year in one document (`_id` = `m:${year}:${userId}`): activities taken part in,
 * hours credited (in tenths, so sums stay exact), the sources already counted (a replayed credit
 * is refused by the write's condition), the unit of the latest credit, and whether the county's
 * member rule is met. Read in O(1) by the member's card and counted from an index for a unit.
 */
export interface MemberTally {
  _id: string
  kind: 'member'
  year: number
  userId: string
  unitId: string | null
  countyId: string | null
  activities: number
  tenths: number
  credited: string[]
  met: boolean
}

export const memberTallyId = (year: number, userId: string) => `m:${year}:${userId}`

/** A unit's co-building activities held in a year, per quarter (`_id` = `u:${year}:${unitId}`). */
export interface UnitTally {
  _id: string
  kind: 'unit'
  year: number
  unitId: string
  q1: number
  q2: number
  q3: number
  q4: number
  credited: string[]
}

export const unitTallyId = (year: number, unitId: string) => `u:${year}:${unitId}`
