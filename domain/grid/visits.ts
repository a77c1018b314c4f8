/**
 * Visit records (走访记录), docs/grid.md: filled at the door, often offline. The device gives each
 * record its key (the same `<device>-<counter>` scheme as wish intake) and the record's id IS that
 * key, so a record sent twice (a retry after a lost answer) is stored once. A need found on the
 * visit becomes a wish or an order in one tap, prefilled from the record.
 */
import './errors'
import { DomainError } from '../errors'
import { privateKindsIn } from '../privacy'
import type { PhotoRules } from '../photos'

export const NEED_KINDS = ['wish', 'order', 'other'] as const
export type NeedKind = (typeof NEED_KINDS)[number]
export const NEED_KIND_LABELS: Record<NeedKind, string> = { wish: '微心愿', order: '上门服务', other: '其他' }

export interface VisitNeed {
  kind: NeedKind
  text: string
  /** Set once the need became a wish or an order. */
  followUp?: { kind: 'wish' | 'order'; id: string } | null
}

export interface VisitPhoto {
  fileId: string
  mime: string
  bytes: number
}

export interface VisitRecord {
  /** The device's key: a retry never stores the visit twice. */
  _id: string
  householdId: string
  door: string
  buildingName: string
  lineage: string[]
  communityId: string
  gridId: string
  visitedAt: Date
  by: string
  byName: string
  seen: string
  needs: VisitNeed[]
  photos: VisitPhoto[]
  createdAt: Date
}

/** Up to three JPG or PNG of at most 5 MB, checked against storage too (server/kit/photos.ts). */
export const VISIT_PHOTO_RULES: PhotoRules = Object.freeze({ max: 3, required: false, types: ['image/jpeg', 'image/png'], maxBytes: 5_000_000, bad: 'VISIT.BAD_PHOTO' })

export const VISIT_KEY = /^[A-Za-z0-9]{4,32}-\d{1,9}$/
export const SEEN_MAX = 500
export const NEED_MAX = 200

/** The visit's own checks beyond its schema: a time not in the future (a clock a day off is refused), needs stated. */
export function checkVisit(input: { key: string; householdId?: string | null; visitedAt: string; seen: string; needs: { kind: NeedKind; text: string }[] }, now: Date): Date {
  if (!input.householdId) throw new DomainError('VISIT.NO_HOUSEHOLD')
  if (!VISIT_KEY.test(input.key)) throw new DomainError('VISIT.BAD_KEY')
  const at = new Date(input.visitedAt)
  if (Number.isNaN(at.getTime())) throw new DomainError('VISIT.BAD_TIME')
  if (at.getTime() > now.getTime() + 10 * 60_000) throw new DomainError('VISIT.BAD_TIME', '走访时间不能晚于现在')
  if (input.seen.trim().length < 2) throw new DomainError('VISIT.SEEN_REQUIRED')
  for (const n of input.needs) if (n.text.trim().length < 2) throw new DomainError('VISIT.NEED_EMPTY')
  return at
}

/** What a need prefills in the wish intake or the order form (no personal data beyond what those forms hold). */
export function prefillOf(visit: Pick<VisitRecord, 'householdId' | 'door' | 'buildingName'>, need: VisitNeed) {
  return { householdId: visit.householdId, door: visit.door, buildingName: visit.buildingName, text: need.text, kind: need.kind }
}

export const hasPrivateText = (text: string) => privateKindsIn(text).includes('phone')
