/**
 * Intake: a grid worker writes a household's wish at the door (possibly offline: the device sends
 * it later with its idempotency key), or a resident writes their own. The unique index
 * (`author.userId`, `intakeKey`) decides replays: of any number of deliveries of one key exactly
 * one insert succeeds; every other one answers the stored wish.
 */
import { addDoc, callerAggregate, callerOf, getDocs, isDuplicateKeyError, lookupPipeline, opId, type ActionContext } from '../../../server/kit'
import type { IntakeAnswer, SubmitInput } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import { lineage as lineageOf, type OrgNode } from '../../../domain/org'
import { authorize, can } from '../../../domain/permissions'
import { displayName, type UserRecord } from '../../../domain/users'
import { checkIntakeKey, newWish, replayResult, WISH_MAX_PHOTOS, type WishCategory, type WishRecord } from '../../../domain/wishes'
import { verifyPhotos } from './photos'

const BUILDING = '__building'

/**
 * Round trips: 1 the caller with the building; 2 the community (and, for a resident's own wish,
 * the grid workers of the building, one of whom becomes the contact), together in one aggregation;
 * 3 the photos' storage check (getTempFileURL, only when there are photos); 4 the insert. A replay:
 * one more (the stored wish by author and key).
 */
export async function submit(input: SubmitInput, ctx: ActionContext): Promise<IntakeAnswer> {
  // The key names the submission; a malformed one is refused before anything else.
  const key = checkIntakeKey(input.key)
  const { list } = await callerAggregate(ctx)
    .lookup({ from: 'org_nodes', pipeline: lookupPipeline(ctx).match({ _id: input.buildingId, kind: 'building' }).limit(1).done(), as: BUILDING })
    .end()
  const row = list[0] as (Record<string, unknown> & { [BUILDING]: OrgNode[] }) | undefined
  if (!row) throw new DomainError('AUTH.FORBIDDEN')
  const { [BUILDING]: buildings, ...rest } = row
  const caller = callerOf<UserRecord>(rest).caller!
  const building = buildings[0]
  if (!building) throw new DomainError('ORG.UNKNOWN_NODE', '找不到这栋楼，请重新选择', { field: 'buildingId' })
  const lineage = lineageOf(building)
  const target = { kind: 'org' as const, lineage }
  const self = input.for === 'self'
  if (!self) authorize(caller.roles ?? [], 'wish.submit', target)

  // The community of the building, and for a resident's own wish the grid workers of the building.
  const _ = ctx.db.command
  const nodes = ctx.db.collection('org_nodes') as unknown as { aggregate(): ReturnType<typeof callerAggregate> }
  const pipeline = nodes.aggregate().match({ _id: _.in(building.path), kind: 'community' }).limit(1).project({ _id: 1, name: 1 })
  if (self) {
    pipeline.lookup({
      from: 'users',
      pipeline: lookupPipeline(ctx)
        .match({ roles: _.elemMatch({ kind: 'grid_worker', scopeId: _.in(lineage) }) })
        .limit(5)
        .project({ _id: 1, openid: 1, name: 1, phone: 1, roles: 1 })
        .done(),
      as: '__grid',
    })
  }
  const { list: communities } = await pipeline.end()
  const community = communities[0] as ({ _id: string; name: string; __grid?: UserRecord[] } | undefined)
  if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')

  let contact: WishRecord['contact']
  if (self) {
    const worker = (community.__grid ?? []).find((u) => can(u.roles ?? [], 'wish.submit', target))
    // No grid worker on record yet: the community is the contact until one is appointed.
    contact = worker ? { userId: worker._id, name: displayName(worker), ...(worker.phone ? { phone: worker.phone } : {}), ...(worker.openid ? { openid: worker.openid } : {}) } : { userId: '', name: `${community.name}党委` }
  } else {
    contact = { userId: caller._id, name: displayName(caller), ...(caller.phone ? { phone: caller.phone } : {}), openid: caller.openid }
  }

  const record = newWish(
    {
      title: input.title,
      details: input.details,
      estimatedValue: input.estimatedValue,
      category: input.category as WishCategory,
      beneficiaryName: input.beneficiaryName,
      beneficiaryPhone: input.beneficiaryPhone || undefined,
      buildingId: building._id,
      room: input.room || undefined,
      photos: input.photos,
      consent: input.consent ? { method: input.consent.method, at: new Date(input.consent.at) } : null,
    },
    {
      key,
      author: { userId: caller._id, name: displayName(caller), as: self ? 'beneficiary' : 'grid_worker', openid: caller.openid },
      contact,
      community: { id: community._id, name: community.name },
      building: { id: building._id, name: building.name, lineage },
      beneficiaryUserId: self ? caller._id : undefined,
      now: ctx.now,
      op: opId(),
    },
  )
  if (self) record.beneficiary.openid = caller.openid
  record.photos = await verifyPhotos(record.photos, WISH_MAX_PHOTOS, false)

  try {
    const id = await addDoc(ctx.db.collection('wishes'), record)
    return { id, state: record.state, replayed: false }
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    const [stored] = await getDocs<WishRecord>(
      ctx.db.collection('wishes').where({ 'author.userId': caller._id, intakeKey: key }).field({ _id: true, state: true, author: true, intakeKey: true }).limit(1),
    )
    if (!stored) throw e
    return replayResult(stored, caller._id, key)
  }
}
