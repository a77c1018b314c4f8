/**
 * A community's micro-wish settings (release days, hours per wish), kept on its org node as
 * `wishSettings` with a version, the way a county keeps its yearly requirements. Every wish verb
 * reads them with the caller and the wish (load.ts), so they cost no round trip there.
 */
import { appendAudit, callerAggregate, callerOf, lookupPipeline, updateDocs, type ActionContext } from '../../../server/kit'
import type { SetWishSettingsInput, WishSettingsView } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode } from '../../../domain/org'
import { can, reach, reachesAny, type Target } from '../../../domain/permissions'
import { displayName, type UserRecord } from '../../../domain/users'
import { wishSettingsOf, type WishSettings } from '../../../domain/wishes'

/** As stored on the community node. */
export interface StoredWishSettings extends WishSettings {
  version: number
  updatedAt: Date
  updatedBy: string
  updatedByName: string
}

type CommunityNode = OrgNode & { wishSettings?: StoredWishSettings }

const COMMUNITY = '__community'

/** One round trip: the caller with the community; refusals as for any scoped read. */
async function callerAndCommunity(ctx: ActionContext, communityId: string): Promise<{ caller: UserRecord; community: CommunityNode; target: Target }> {
  const { list } = await callerAggregate(ctx)
    .lookup({ from: 'org_nodes', pipeline: lookupPipeline(ctx).match({ _id: communityId, kind: 'community' }).limit(1).done(), as: COMMUNITY })
    .end()
  const row = list[0] as (Record<string, unknown> & { [COMMUNITY]: CommunityNode[] }) | undefined
  if (!row) throw new DomainError('AUTH.FORBIDDEN')
  const { [COMMUNITY]: found, ...rest } = row
  const { caller } = callerOf<UserRecord>(rest)
  const grants = caller?.roles ?? []
  const community = found[0]
  // An unknown community and a forbidden one look alike to someone who may set no community's settings.
  if (!community) throw new DomainError(reachesAny(reach(grants, 'wish.settings'), 'org') ? 'ORG.UNKNOWN_COMMUNITY' : 'AUTH.FORBIDDEN')
  const target: Target = { kind: 'org', lineage: lineage(community) }
  if (!caller || !can(grants, 'wish.settings', target)) throw new DomainError('AUTH.FORBIDDEN')
  return { caller, community, target }
}

function view(community: CommunityNode): WishSettingsView {
  const stored = community.wishSettings
  return {
    community: { id: community._id, name: community.name },
    settings: wishSettingsOf(community),
    isDefault: !stored,
    version: stored?.version ?? 0,
    updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null,
    updatedByName: stored?.updatedByName ?? null,
    canEdit: true,
  }
}

/** 1 round trip: the caller with the community. wish.settings on the community (its admin, the street's, the county's). */
export async function getSettings({ communityId }: { communityId: string }, ctx: ActionContext): Promise<WishSettingsView> {
  const { community } = await callerAndCommunity(ctx, communityId)
  return view(community)
}

/**
 * 3 round trips: the caller with the community; one conditional update guarded by the version
 * the editor read (`wishSettings` absent for version 0), so of two admins saving from the same
 * page one wins and the other gets WISH.SETTINGS_CHANGED with nothing of theirs written; one audit
 * record old → new. The bounds were checked by the schema before any read. Saving what is already
 * in force writes nothing (1 round trip).
 */
export async function setSettings({ communityId, settings, version }: SetWishSettingsInput, ctx: ActionContext): Promise<WishSettingsView & { changed: boolean }> {
  const { caller, community } = await callerAndCommunity(ctx, communityId)
  const stored = community.wishSettings
  const current = stored?.version ?? 0
  if (version !== current) throw new DomainError('WISH.SETTINGS_CHANGED')
  const before = wishSettingsOf(community)
  const next: WishSettings = { claimReleaseDays: settings.claimReleaseDays, hoursPerWish: settings.hoursPerWish }
  if (stored && before.claimReleaseDays === next.claimReleaseDays && before.hoursPerWish === next.hoursPerWish) return { ...view(community), changed: false }

  const _ = ctx.db.command
  const written: StoredWishSettings = { ...next, version: current + 1, updatedAt: ctx.now, updatedBy: caller._id, updatedByName: displayName(caller) }
  const guard = current === 0 ? { wishSettings: _.exists(false) } : { 'wishSettings.version': current }
  const updated = await updateDocs(ctx.db.collection('org_nodes').where({ _id: communityId, kind: 'community', ...guard }), { wishSettings: _.set(written) })
  if (updated !== 1) throw new DomainError('WISH.SETTINGS_CHANGED')
  await appendAudit(ctx.db, {
    entity: 'wish_settings',
    entityId: communityId,
    action: 'wish.setSettings',
    from: JSON.stringify(before),
    to: JSON.stringify(next),
    by: caller._id,
    at: ctx.now,
    ...(stored ? {} : { reason: '此前使用默认设置' }),
  })
  return { ...view({ ...community, wishSettings: written }), changed: true }
}
