import { createHmac } from 'node:crypto'
import { getDocs, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { effectiveActivitySettings, type ActivityRecord, type ActivitySettings, type ActivityViewer } from '../../../domain/activities'
import type { OrgNode } from '../../../domain/org'
import { isRegistered, type RegistrationRecord } from '../../../domain/registration'
import type { RequirementRules } from '../../../domain/requirements'
import { displayName, type UserRecord } from '../../../domain/users'

export const ACTIVITIES = 'activities'
export const ATTENDANCE = 'activity_attendance'
export const THEMES = 'activity_themes'
export const CERTIFICATES = 'certificates'

export type Caller = UserRecord & { liveRegistrationId?: string | null }
export type Live = RegistrationRecord

/** A county node with what it sets for activities (and the yearly requirements the tallies' `met` follows). */
export type CountyNode = OrgNode & { activitySettings?: ActivitySettings & { version?: number }; requirements?: Partial<RequirementRules> }

export function settingsOf(county: CountyNode | null | undefined): ActivitySettings {
  return effectiveActivitySettings(county?.activitySettings)
}

/** The name on the timeline and the roster: the person's, else their registration's. */
export function nameOf(caller: Caller | null, live: Live | null): string {
  return displayName({ name: caller?.name || live?.name })
}

/** The caller as the activity planners see them; a registered live registration makes them a member. */
export function viewerOf(caller: Caller | null, live: Live | null): ActivityViewer {
  if (!caller) throw new DomainError('AUTH.FORBIDDEN')
  const m = live && isRegistered(live.state) && live.userId === caller._id ? live : null
  return {
    userId: caller._id,
    name: nameOf(caller, live),
    grants: caller.roles ?? [],
    member: m ? { registrationId: m._id, unitId: m.unitId, communityId: m.communityId } : null,
  }
}

/**
 * The 6 digits of an activity's check-in code in a given minute: an HMAC of the minute under the
 * activity's own secret, so nobody can work out the next code from the ones they saw.
 */
export function codeFor(secret: string, minute: number): string {
  const mac = createHmac('sha256', secret).update(String(minute)).digest()
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

export async function findNodes(ctx: ActionContext, ids: readonly string[]): Promise<OrgNode[]> {
  if (ids.length === 0) return []
  const _ = ctx.db.command
  return getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: _.in([...new Set(ids)]) }).limit(ids.length))
}

export const isDraftHidden = (a: ActivityRecord, organiser: boolean) => a.state === 'draft' && !organiser
