/** What the activities function answers: rows, the detail with its buttons, the hours list. Dates travel as ISO text. */
import type { ActivityDetail, ActivityRow, HoursLineView, HoursListView, TimelineItem } from '../../../domain/api/activities'
import {
  ACTIVITY_STATE_LABELS,
  availableVerbs,
  checkInWindow,
  hoursList,
  isHoursOpen,
  isOrganiser,
  type ActivityHistoryEntry,
  type ActivityRecord,
  type ActivityViewer,
  type AttendanceRecord,
  type RoundingRule,
} from '../../../domain/activities'

const iso = (d: Date | string) => new Date(d).toISOString()

const VERB_LABELS: Record<ActivityHistoryEntry['verb'], string> = {
  create: '创建活动',
  publish: '发布活动',
  closeSignup: '报名截止',
  hold: '活动结束',
  book: '时长入账',
  cancel: '取消活动',
  signUp: '报名',
  joinWaitlist: '进入候补',
  withdraw: '取消报名',
  promote: '候补转正',
  correct: '修改时长',
  decline: '不予认定时长',
}

/** Seat changes are the people's own business; everyone sees the activity's own steps. */
const PUBLIC_VERBS = new Set(['create', 'publish', 'closeSignup', 'hold', 'book', 'cancel'])

export function toRow(a: ActivityRecord, userId: string | null): ActivityRow {
  return {
    id: a._id,
    state: a.state,
    stateLabel: ACTIVITY_STATE_LABELS[a.state],
    title: a.title,
    themeTitle: a.themeTitle,
    organiserName: a.organiser.name,
    placeName: a.placeName,
    startAt: iso(a.startAt),
    endAt: iso(a.endAt),
    hours: a.hours,
    capacity: a.capacity,
    seatCount: a.seatCount,
    waitCount: a.waitCount,
    mine: userId && a.seatedIds.includes(userId) ? 'seated' : userId && a.waitingIds.includes(userId) ? 'waiting' : null,
  }
}

export function toTimeline(a: ActivityRecord, organiser: boolean): TimelineItem[] {
  return (a.history ?? [])
    .filter((h) => organiser || PUBLIC_VERBS.has(h.verb))
    .map((h) => ({ verb: h.verb, label: VERB_LABELS[h.verb] ?? h.verb, byName: h.byName, at: iso(h.at), reason: h.reason ?? null }))
}

export function toDetail(a: ActivityRecord, v: ActivityViewer, now: Date, mine: AttendanceRecord | null, names: ReadonlyMap<string, string> | null): ActivityDetail {
  const organiser = isOrganiser(v, a)
  const position = a.waitingIds.indexOf(v.userId)
  const person = (userId: string) => ({ userId, name: names?.get(userId) ?? '（未知）' })
  return {
    ...toRow(a, v.userId),
    description: a.description,
    address: a.address,
    skills: a.skills,
    openToCitizens: a.openToCitizens,
    organiserKind: a.organiser.kind,
    reason: a.reason ?? null,
    waitPosition: position >= 0 ? position + 1 : null,
    myAttendance: mine ? { checkInAt: iso(mine.checkInAt), checkOutAt: mine.checkOutAt ? iso(mine.checkOutAt) : null } : null,
    can: availableVerbs(a, v, now, mine),
    isOrganiser: organiser,
    roster: organiser && names ? { seated: a.seatedIds.map(person), waiting: a.waitingIds.map(person) } : null,
    booking: a.booking ? { people: a.booking.people, hours: a.booking.hours, at: iso(a.booking.at) } : null,
    timeline: toTimeline(a, organiser),
    checkInOpensAt: iso(checkInWindow(a).opens),
  }
}

export function toHoursList(a: ActivityRecord, attendance: readonly AttendanceRecord[], rule: RoundingRule, organiser: boolean): HoursListView {
  const lines = hoursList(a, attendance, rule)
  const view: HoursLineView[] = lines.map((l) => ({
    userId: l.userId,
    name: l.name,
    checkInAt: iso(l.checkInAt),
    checkOutAt: l.checkOutAt ? iso(l.checkOutAt) : null,
    computed: l.computed,
    hours: l.hours,
    adjustment: l.adjustment
      ? { hours: l.adjustment.hours, declined: l.adjustment.declined, reason: l.adjustment.reason, byName: l.adjustment.byName, at: iso(l.adjustment.at) }
      : null,
  }))
  return {
    activityId: a._id,
    title: a.title,
    state: a.state,
    stateLabel: ACTIVITY_STATE_LABELS[a.state],
    plannedHours: a.hours,
    rounding: { zeroBelow: rule.zeroBelow, halfBelow: rule.halfBelow },
    lines: view,
    totalHours: Math.round(lines.reduce((s, l) => s + l.hours * 10, 0)) / 10,
    canEdit: organiser && isHoursOpen(a.state),
    booking: a.booking ? { people: a.booking.people, hours: a.booking.hours, at: iso(a.booking.at) } : null,
  }
}
