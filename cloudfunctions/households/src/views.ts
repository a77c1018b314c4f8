import type { HouseholdDetail, HouseholdRow, ResidentView, VisitView } from '../../../domain/api/households'
import { isOverdue, RESIDENT_TAG_LABELS, type HouseholdRecord, type Resident } from '../../../domain/grid/households'
import { NEED_KIND_LABELS, type VisitRecord } from '../../../domain/grid/visits'
import { maskName } from '../../../domain/privacy'

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** 王** 等2人: the list never shows a whole name. */
export function headlineOf(residents: readonly Pick<Resident, 'name'>[]): string {
  const first = maskName(residents[0]?.name)
  if (!first) return '暂无居民'
  return residents.length > 1 ? `${first} 等${residents.length}人` : first
}

export type ListedHousehold = Pick<HouseholdRecord, '_id' | 'buildingId' | 'buildingName' | 'door' | 'tags' | 'lastVisitAt' | 'visitDueAt'> & { residents: Pick<Resident, 'name'>[] }

/** 逾期 from the stored due date, the one the list's count compares (setVisitRules keeps it to the rules). */
export function toRow(h: ListedHousehold, now: Date): HouseholdRow {
  const due = h.visitDueAt ?? null
  return {
    id: h._id,
    buildingId: h.buildingId,
    buildingName: h.buildingName,
    door: h.door,
    residentCount: h.residents.length,
    headline: headlineOf(h.residents),
    tags: h.tags,
    tagLabels: h.tags.map((t) => RESIDENT_TAG_LABELS[t]),
    lastVisitAt: iso(h.lastVisitAt),
    visitDueAt: iso(due),
    overdue: isOverdue({ visitDueAt: due }, now),
  }
}

function residentView(r: Resident): ResidentView {
  return { id: r.id, name: r.name, tags: r.tags, tagLabels: r.tags.map((t) => RESIDENT_TAG_LABELS[t]), phone: r.phone, birthYear: r.birthYear, note: r.note }
}

export function toVisitView(v: VisitRecord): VisitView {
  return {
    id: v._id,
    householdId: v.householdId,
    door: v.door,
    buildingName: v.buildingName,
    visitedAt: iso(v.visitedAt)!,
    byName: v.byName,
    seen: v.seen,
    needs: v.needs.map((n) => ({ kind: n.kind, kindLabel: NEED_KIND_LABELS[n.kind], text: n.text, followUp: n.followUp ?? null })),
    photos: v.photos,
  }
}

/** The household's own page: names and phones whole, for those allowed to see the household at all. */
export function toDetail(h: HouseholdRecord, visits: readonly VisitRecord[], now: Date, may: { edit: boolean; visit: boolean }): HouseholdDetail {
  return {
    ...toRow(h, now),
    communityId: h.communityId,
    residents: h.residents.map(residentView),
    visits: [...visits].sort((a, b) => new Date(b.visitedAt).getTime() - new Date(a.visitedAt).getTime()).slice(0, 20).map(toVisitView),
    canEdit: may.edit,
    canVisit: may.visit,
  }
}
