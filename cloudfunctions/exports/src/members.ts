/**
 * The member lists, read from the database page by page instead of through members.* (which
 * stops at 1000 rows): the same scope filter, row shape and order, from cloudfunctions/members/src/rows.ts.
 */
import { getDocs, type ActionContext } from '../../../server/kit'
import type { MemberRow } from '../../../domain/api/members'
import type { CommunityMembersFilters, UnitMembersFilters } from '../../../domain/api/exports'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, reach, reachesAny } from '../../../domain/permissions'
import { isRegistered, isRejected } from '../../../domain/registration'
import type { RoleGrant } from '../../../domain/roles'
import { cellsOf, memberColumns, exportShowsFullPhone, type ExportCell } from '../../../domain/exports'
import { COMMUNITY_STATES, compoundsOf, PENDING_STATES, REGISTERED_STATES, ROW_FIELDS, scopeMatch, toMemberRow, UNIT_STATES, type Row } from '../../members/src/rows'
import type { ExportSpec } from './spec'
import { byStates } from './pages'

/** Places of one community (compounds, buildings) read in one go, as members.communityMembers does. */
const MAX_PLACES = 1000

// members.rows.byPlace with one collator instead of a localeCompare per comparison: the same
// order (localeCompare with a locale is defined as that locale's collator), much faster on 100,000 rows.
const collator = new Intl.Collator('zh-Hans-CN')
const zh = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : collator.compare(a, b))
const byPlace = (a: MemberRow, b: MemberRow) => zh(a.compoundName, b.compoundName) || zh(a.buildingName, b.buildingName) || collator.compare(a.name, b.name)

function listReach(grants: RoleGrant[], side: 'community' | 'unit') {
  const r = reach(grants, side === 'unit' ? 'registration.listUnit' : 'registration.listCommunity')
  if (!reachesAny(r, side === 'unit' ? 'unit' : 'org')) throw new DomainError('AUTH.FORBIDDEN')
  return r
}

/**
 * 社区党员 as members.communityMembers lists it (filters, scope, order by compound, building,
 * name), every row. The order needs the whole filter, so the rows are gathered (read a page at a
 * time, one run per state on the community_state_time index) and sorted before the first line is
 * written: memory grows with the community (bench: docs/exports.md).
 */
export async function communityMembersSpec(ctx: ActionContext, grants: RoleGrant[], f: CommunityMembersFilters): Promise<ExportSpec> {
  const r = listReach(grants, 'community')
  const _ = ctx.db.command
  const state = f.state ?? 'registered'
  const states = state === 'registered' ? REGISTERED_STATES : state === 'pending' ? PENDING_STATES : COMMUNITY_STATES
  const match: Record<string, unknown> = { ...scopeMatch(_, 'community', f.communityId, r)! }
  if (f.buildingId) match.buildingId = f.buildingId
  const nodes = await getDocs<OrgNode>(
    ctx.db
      .collection('org_nodes')
      .where(_.or([{ _id: f.communityId, kind: 'community' }, { path: f.communityId, kind: _.in(['compound', 'building']) }]))
      .limit(MAX_PLACES),
  )
  const community = nodes.find((n) => n._id === f.communityId && n.kind === 'community')
  if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
  authorize(grants, 'registration.listCommunity', { kind: 'org', lineage: lineage(community) })
  const full = exportShowsFullPhone(grants, community._id)
  const compounds = compoundsOf(nodes)
  const columns = memberColumns(full)
  async function* rows(): AsyncGenerator<ExportCell[]> {
    const kept: MemberRow[] = []
    for await (const d of byStates<Row & { _id: string }>(ctx, 'registrations', match, states, 'createdAt', ROW_FIELDS)) {
      const row = toMemberRow(d, full, d.buildingId ? compounds.get(d.buildingId) : null)
      if (!f.compoundId || row.compoundId === f.compoundId) kept.push(row)
    }
    kept.sort(byPlace)
    for (let i = 0; i < kept.length; i++) {
      yield cellsOf(columns, kept[i])
      // Written rows are let go as the file grows.
      ;(kept as (MemberRow | undefined)[])[i] = undefined
    }
  }
  return { name: `${community.name}党员`, sheet: '党员', columns, rows: rows(), fullPhones: full }
}

/**
 * 本单位党员 as members.unitMembers lists it: 未报到 first, then 已报到, then 已退回, oldest first
 * within each. That order is the database's (one run per state on the unit_state_time index, the
 * runs of a group merged by createdAt), so rows stream straight from the pages to the file and
 * memory holds a page per state.
 */
export async function unitMembersSpec(ctx: ActionContext, grants: RoleGrant[], f: UnitMembersFilters): Promise<ExportSpec> {
  const r = listReach(grants, 'unit')
  const _ = ctx.db.command
  const scope = scopeMatch(_, 'unit', f.unitId, r)
  const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: f.unitId }).limit(1))
  if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
  authorize(grants, 'registration.listUnit', { kind: 'unit', unitId: unit._id, countyId: unit.countyId })
  // Units never get full numbers in a file (masking.ts).
  const columns = memberColumns(false)
  const groups = [
    UNIT_STATES.filter((s) => !isRegistered(s) && !isRejected(s)),
    UNIT_STATES.filter((s) => isRegistered(s)),
    UNIT_STATES.filter((s) => isRejected(s)),
  ]
  async function* rows(): AsyncGenerator<ExportCell[]> {
    if (!scope) return
    for (const states of groups) {
      if (!states.length) continue
      for await (const d of byStates<Row & { _id: string }>(ctx, 'registrations', scope, states, 'createdAt', ROW_FIELDS)) yield cellsOf(columns, toMemberRow(d, false))
    }
  }
  return { name: `${unit.name}党员`, sheet: '党员', columns, rows: rows(), fullPhones: false }
}
