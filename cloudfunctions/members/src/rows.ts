/**
 * The registrations an admin's list shows, as ONE query with the caller's scope inside its
 * filter (as cloudfunctions/registration/src/pending.ts does): a unit admin of another unit or a
 * community admin elsewhere gets no rows from the database, whatever they ask.
 */
import type { ActionContext } from '../../../server/kit'
import type { Reach } from '../../../domain/permissions'
import {
  isLive,
  isRegistered,
  isRejected,
  LIVE_STATES,
  PENDING_STATES,
  REGISTRATION_STATE_LABELS,
  REGISTRATION_STATES,
  type RegistrationRecord,
  type RegistrationState,
} from '../../../domain/registration'
import type { MemberRow } from '../../../domain/api/members'
import type { OrgNode } from '../../../domain/org'
import { maskPhone } from '../../../domain/users'

export type Row = Pick<
  RegistrationRecord,
  '_id' | 'userId' | 'state' | 'name' | 'phone' | 'unitId' | 'unitName' | 'unitCountyId' | 'communityId' | 'communityName' | 'communityLineage' | 'buildingId' | 'buildingName' | 'skills' | 'createdAt'
>

export const ROW_FIELDS: Record<keyof Row, true> = {
  _id: true,
  userId: true,
  state: true,
  name: true,
  phone: true,
  unitId: true,
  unitName: true,
  unitCountyId: true,
  communityId: true,
  communityName: true,
  communityLineage: true,
  buildingId: true,
  buildingName: true,
  skills: true,
  createdAt: true,
}

export { PENDING_STATES }
/** What a community lists: its live registrations. */
export const COMMUNITY_STATES: readonly RegistrationState[] = LIVE_STATES
/** What a unit lists: live ones and those it (or the community) sent back. */
export const UNIT_STATES: readonly RegistrationState[] = REGISTRATION_STATES.filter((s) => isLive(s) || isRejected(s))
/** The 已报到 filter. */
export const REGISTERED_STATES: readonly RegistrationState[] = REGISTRATION_STATES.filter(isRegistered)

type Command = ActionContext['db']['command']

/** The database form of the caller's reach over one community's or one unit's registrations; null when it reaches none. */
export function scopeMatch(_: Command, side: 'community' | 'unit', scopeId: string, r: Reach): object | null {
  if (side === 'community') return r.orgIds.length ? { communityId: scopeId, communityLineage: _.in(r.orgIds) } : null
  if (r.unitIds.includes(scopeId)) return { unitId: scopeId }
  if (r.countyIds.length) return { unitId: scopeId, unitCountyId: _.in(r.countyIds) }
  return null
}

/** Regex metacharacters escaped: a query is a literal fragment, never a pattern. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const iso = (at: Date | string) => new Date(at).toISOString()

/** The compound of each building of a community, from its org nodes. */
export function compoundsOf(nodes: OrgNode[]): Map<string, OrgNode> {
  const compounds = new Map(nodes.filter((n) => n.kind === 'compound').map((n) => [n._id, n]))
  const out = new Map<string, OrgNode>()
  for (const n of nodes) {
    if (n.kind !== 'building') continue
    const c = n.path.map((id) => compounds.get(id)).find(Boolean)
    if (c) out.set(n._id, c)
  }
  return out
}

export function toMemberRow(doc: Row, fullPhone: boolean, compound?: OrgNode | null): MemberRow {
  return {
    id: doc._id,
    // Only a registered member with an account can be handed an order (orders.passToMember names
    // the user); an imported registration nobody has claimed yet has no user behind it.
    userId: isRegistered(doc.state) ? (doc.userId ?? null) : null,
    name: doc.name,
    phone: fullPhone ? doc.phone : (maskPhone(doc.phone) ?? ''),
    state: doc.state,
    stateLabel: REGISTRATION_STATE_LABELS[doc.state],
    reported: isRegistered(doc.state),
    unitName: doc.unitName,
    communityName: doc.communityName,
    compoundId: compound?._id ?? null,
    compoundName: compound?.name ?? null,
    buildingId: doc.buildingId ?? null,
    buildingName: doc.buildingName ?? null,
    skills: doc.skills ?? [],
    createdAt: iso(doc.createdAt),
  }
}

const zh = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-Hans-CN'))

/** By compound, building (rows without either last), then name. */
export function byPlace(a: MemberRow, b: MemberRow): number {
  return zh(a.compoundName, b.compoundName) || zh(a.buildingName, b.buildingName) || a.name.localeCompare(b.name, 'zh-Hans-CN')
}
