/**
 * Reads of the `wishes` function. The caller and the wish an action is about come back from ONE
 * aggregation (the caller's `users` record, their live registration and the wish by id, joined by
 * `$lookup`s), so a state change is that read plus its conditional update: two round trips.
 */
import { callerAggregate, callerOf, getDocs, lookupPipeline, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import type { RegistrationRecord } from '../../../domain/registration'
import type { UserRecord } from '../../../domain/users'
import { wishSettingsOf, type WishCaller, type WishRecord, type WishSettings } from '../../../domain/wishes'

const WISH = '__wish'
const COMMUNITY = '__community'

export type Caller = UserRecord
export type LiveRegistration = Pick<RegistrationRecord, '_id' | 'state' | 'communityId' | 'unitId'> & { communityName?: string }

export interface Loaded {
  caller: Caller | null
  live: LiveRegistration | null
  wish: WishRecord | null
  /** The wish's community's settings (its org node's `wishSettings`, else the defaults). */
  settings: WishSettings
}

/**
 * One round trip: the caller (roles as held now, member derived) with their live registration, the
 * wish, and the wish's community (its `wishSettings`): an equality `$lookup` from the joined wish's
 * `communityId` to `org_nodes._id`, so the settings cost no round trip of their own.
 */
export async function callerAndWish(ctx: ActionContext, id: string): Promise<Loaded> {
  const { list } = await callerAggregate(ctx)
    .lookup({ from: 'wishes', pipeline: lookupPipeline(ctx).match({ _id: id }).limit(1).done(), as: WISH })
    .lookup({ from: 'org_nodes', localField: `${WISH}.communityId`, foreignField: '_id', as: COMMUNITY })
    .end()
  const doc = list[0] as (Record<string, unknown> & { [WISH]?: WishRecord[]; [COMMUNITY]?: { wishSettings?: WishSettings }[] }) | undefined
  if (!doc) return { caller: null, live: null, wish: null, settings: wishSettingsOf(null) }
  const { [WISH]: wishes, [COMMUNITY]: communities, ...rest } = doc
  const { caller, live } = callerOf<Caller, LiveRegistration>(rest)
  return { caller, live, wish: wishes?.[0] ?? null, settings: wishSettingsOf(communities?.[0]) }
}

/** The wish alone (one round trip), for a caller the backend has never seen, or to explain a refused write. */
export async function readWish(ctx: ActionContext, id: string): Promise<WishRecord | null> {
  const [wish] = await getDocs<WishRecord>(ctx.db.collection('wishes').where({ _id: id }).limit(1))
  return wish ?? null
}

export function displayName(user: Pick<UserRecord, 'name'>): string {
  return user.name ?? '微信用户'
}

export function asWishCaller(caller: Caller): WishCaller {
  return { kind: 'user', userId: caller._id, name: displayName(caller), grants: caller.roles ?? [] }
}

/** The wish, or WISH.NOT_FOUND. */
export function present(wish: WishRecord | null): WishRecord {
  if (!wish) throw new DomainError('WISH.NOT_FOUND')
  return wish
}
