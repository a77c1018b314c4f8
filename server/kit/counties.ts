/**
 * Which counties a person belongs to, most relevant first: where they are county admin, where
 * their live registration's community is, then the counties above their other roles' scopes.
 * County-wide settings (yearly requirements, the theme menu, activity settings) are read by
 * anyone in the county through this. Roles other than county admin name a node or a unit, so
 * those are read (together, one round trip each kind) only when the county admin grants do not
 * already answer.
 */
import type { ActionContext } from './area'
import { getDocs } from './db'
import type { OrgNode, Unit } from '../../domain/org'
import { isLive, type RegistrationRecord } from '../../domain/registration'
import type { UserRecord } from '../../domain/users'

export interface CountyCaller extends UserRecord {
  liveRegistrationId?: string | null
}

async function findRegistration(ctx: ActionContext, id: string): Promise<RegistrationRecord | null> {
  const [doc] = await getDocs<RegistrationRecord>(
    ctx.db.collection('registrations').where({ _id: id }).field({ userId: true, state: true, unitId: true, unitCountyId: true, communityLineage: true }).limit(1),
  )
  return doc ?? null
}

export async function callerCounties(ctx: ActionContext, caller: CountyCaller | null, wanted?: string): Promise<string[]> {
  const grants = caller?.roles ?? []
  const direct = grants.filter((g) => g.kind === 'county_admin' && g.scopeId).map((g) => g.scopeId!)
  if (wanted ? direct.includes(wanted) : direct.length > 0) return direct
  const nodeIds = grants.filter((g) => g.scopeId && g.kind !== 'county_admin' && g.kind !== 'unit_admin').map((g) => g.scopeId!)
  const unitIds = grants.filter((g) => g.kind === 'unit_admin' && g.scopeId).map((g) => g.scopeId!)
  const _ = ctx.db.command
  const [registration, nodes, units] = await Promise.all([
    caller?.liveRegistrationId ? findRegistration(ctx, caller.liveRegistrationId) : Promise.resolve(null),
    nodeIds.length ? getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in(nodeIds) }).field({ kind: true, path: true }).limit(nodeIds.length)) : Promise.resolve([]),
    unitIds.length ? getDocs<Unit>(ctx.db.collection('units').where({ _id: _.in(unitIds) }).field({ countyId: true }).limit(unitIds.length)) : Promise.resolve([]),
  ])
  const out = [...direct]
  const add = (id: string | undefined) => {
    if (id && !out.includes(id)) out.push(id)
  }
  if (registration && isLive(registration.state) && registration.userId === caller?._id) add(registration.communityLineage[0])
  for (const n of nodes) add(n.kind === 'county' ? n._id : n.path[0])
  for (const u of units) add(u.countyId)
  return out
}
