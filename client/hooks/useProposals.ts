import type { WhoAmI } from '@domain/api'
import * as proposals from '@/services/proposals'
import { useRemote } from './useRemote'
import { useWhoAmI } from './useWhoAmI'

/** The key that makes a read ask again when the person or their active role changes. */
function whoKey(who: WhoAmI | null): string | null {
  return who ? `${who.id}:${who.activeRole}` : null
}

/** The caller's community's proposals (the function picks the community: home, registration or the admin's). */
export function useProposalList() {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => proposals.listProposals(), key)
}

export function useProposal(id: string | null) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => proposals.getProposal(id!), id && key ? `${id}:${key}` : null)
}

/**
 * Whose 微实事 list: the page's `ownerId`, else the active role's (a unit admin's unit, a community
 * admin's community), else any such role held.
 */
export function projectOwnerOf(who: WhoAmI | null, ownerId?: string): string | null {
  if (ownerId) return ownerId
  if (!who) return null
  const keeps = (k: string) => k === 'community_admin' || k === 'unit_admin'
  const active = who.roles.find((r) => r.kind === who.activeRole && keeps(r.kind) && r.scopeId)
  return active?.scopeId ?? who.roles.find((r) => keeps(r.kind) && r.scopeId)?.scopeId ?? null
}

/** The year of China time now: the list the page opens on. */
export function chinaYearNow(now = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()
}

export function useProjects(ownerId: string | null, year: number) {
  const who = useWhoAmI()
  const key = whoKey(who.data)
  return useRemote(() => proposals.listProjects(ownerId!, year), ownerId && key ? `${ownerId}:${year}:${key}` : null)
}
