/**
 * Who the caller is to a community's proposals and projects, worked out from the one read every
 * action makes (server/kit callerWith): their live registration, their `home`, and the org nodes
 * their grants are scoped to, joined in the same aggregation (PLACE_JOINS).
 */
import type { Join } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode } from '../../../domain/org'
import type { GridViewer } from '../../../domain/proposals'
import { isRegistered, type RegistrationRecord } from '../../../domain/registration'
import { displayName, type UserRecord } from '../../../domain/users'

export const PROPOSALS = 'proposals'
export const PROJECTS = 'projects'

export type Caller = UserRecord & { liveRegistrationId?: string | null; home?: { communityId?: string; buildingId?: string } | null }
export type Live = RegistrationRecord

/** The nodes the caller's grants and home point at, read with the caller (array localField: one node per scoped grant). */
export const PLACE_JOINS = {
  places: { from: 'org_nodes', localField: 'roles.scopeId', foreignField: '_id' },
  home: { from: 'org_nodes', localField: 'home.communityId', foreignField: '_id' },
} satisfies Record<string, Join>

export type PlaceKey = keyof typeof PLACE_JOINS

export interface Places {
  places: OrgNode[]
  home: OrgNode[]
}

export interface Community {
  id: string
  name: string
  lineage: string[]
}

export function viewerOf(caller: Caller | null, live: Live | null): GridViewer {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  return { userId: caller._id, name: displayName({ name: caller.name || live?.name }), grants: caller.roles ?? [] }
}

const communityOfNode = (n: OrgNode): Community | null => {
  const l = lineage(n)
  return l.length >= 3 && n.kind === 'community' ? { id: n._id, name: n.name, lineage: l } : l.length >= 3 ? { id: l[2], name: '', lineage: l.slice(0, 3) } : null
}

/**
 * Where the caller may propose (and support): a resident's community (the one above their
 * `resident` grant's building, or their home), a member's (their registered live registration's).
 */
export function proposerCommunities(caller: Caller, live: Live | null, found: Places): Community[] {
  const out = new Map<string, Community>()
  const add = (c: Community | null) => {
    if (!c) return
    const had = out.get(c.id)
    if (!had || (!had.name && c.name)) out.set(c.id, c)
  }
  for (const g of caller.roles ?? []) {
    if (g.kind !== 'resident' || !g.scopeId) continue
    const node = found.places.find((n) => n._id === g.scopeId)
    if (node) add(communityOfNode(node))
  }
  for (const n of found.home) add(communityOfNode(n))
  if (live && live.userId === caller._id && isRegistered(live.state)) add({ id: live.communityId, name: live.communityName ?? '', lineage: [...live.communityLineage] })
  return [...out.values()]
}

/** Whose proposals the caller sees: where they may propose, and the communities their roles work in (staff, grid, building). */
export function viewerCommunities(caller: Caller, live: Live | null, found: Places): Community[] {
  const out = new Map(proposerCommunities(caller, live, found).map((c) => [c.id, c]))
  for (const g of caller.roles ?? []) {
    if (!g.scopeId || ['street_admin', 'county_admin', 'unit_admin', 'member'].includes(g.kind)) continue
    const node = found.places.find((n) => n._id === g.scopeId)
    const c = node ? communityOfNode(node) : null
    if (c && (!out.has(c.id) || (!out.get(c.id)!.name && c.name))) out.set(c.id, c)
  }
  return [...out.values()]
}

/** A street or county admin above the community: sees its lists, answers nothing. */
export const oversees = (caller: Caller, communityLineage: readonly string[]) =>
  (caller.roles ?? []).some((g) => (g.kind === 'street_admin' || g.kind === 'county_admin') && !!g.scopeId && communityLineage.includes(g.scopeId))

export function mayView(caller: Caller, live: Live | null, found: Places, c: { communityId: string; lineage: readonly string[] }): boolean {
  return viewerCommunities(caller, live, found).some((x) => x.id === c.communityId) || oversees(caller, c.lineage)
}

export const placesOf = (found: Record<string, any[]>): Places => ({ places: (found.places ?? []) as OrgNode[], home: (found.home ?? []) as OrgNode[] })
