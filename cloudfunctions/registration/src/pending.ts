/**
 * The pending list of one unit or community as ONE aggregation: the caller's scope is part of the
 * `$match` (as decisions carry it inside their update), and the page and the total come back in
 * the same answer. Only documented CloudBase stages are used (`match`, `sort`, `project`, `group`;
 * no `$facet`, which the SDK's pipeline builder does not offer).
 *
 *   $match   unitId|communityId = scope, state = pending_*, <caller's reach>   (index *_state_time)
 *   $sort    createdAt ascending
 *   $group   one document: total = count, rows = every row in order, each cut to the fields of a
 *            PendingItem and of the phone check (no history; a `$project` stage before the group
 *            did the same at three times the cost on the emulator)
 *   $project total, items = rows after the cursor, first `limit` of them
 *
 * The group holds every pending row of the scope (a few hundred bytes each, without the history),
 * so a queue would need tens of thousands of pending registrations in one unit or community
 * before it neared the 16 MB document limit.
 */
import type { ActionContext } from '../../../server/kit'
import type { Reach } from '../../../domain/permissions'
import type { RegistrationRecord } from '../../../domain/registration'

export type PendingRow = Pick<
  RegistrationRecord,
  '_id' | 'state' | 'name' | 'phone' | 'unitName' | 'communityName' | 'buildingName' | 'skills' | 'createdAt' | 'unitId' | 'unitCountyId' | 'communityLineage'
>

const ROW_FIELDS: readonly (keyof PendingRow)[] = [
  '_id',
  'state',
  'name',
  'phone',
  'unitName',
  'communityName',
  'buildingName',
  'skills',
  'createdAt',
  'unitId',
  'unitCountyId',
  'communityLineage',
]
/** What `$push` keeps of each row (a missing field stays missing, as with `$project`). */
const ROW = Object.fromEntries(ROW_FIELDS.map((f) => [f, `$${f}`]))

/**
 * The `$match` of a pending list, or null when the caller's reach cannot contain any registration
 * of this scope (a unit admin of another unit, without a county role): then nothing is queried.
 * Equivalent to `reaches(r, targetOf(doc, side))` for every document with that unitId/communityId.
 */
export function pendingMatch(ctx: ActionContext, side: 'unit' | 'community', scopeId: string, r: Reach): object | null {
  const _ = ctx.db.command
  if (side === 'community') return { communityId: scopeId, state: 'pending_community', communityLineage: _.in(r.orgIds) }
  // unitId equals scopeId in every row, so "unitId in unitIds" is decided here, once.
  if (r.unitIds.includes(scopeId)) return { unitId: scopeId, state: 'pending_unit' }
  if (r.countyIds.length) return { unitId: scopeId, state: 'pending_unit', unitCountyId: _.in(r.countyIds) }
  return null
}

/** One round trip (none when `pendingMatch` is null): the page after `after`, oldest first, and the total in reach. */
export async function pendingPage(
  ctx: ActionContext,
  side: 'unit' | 'community',
  scopeId: string,
  r: Reach,
  limit: number,
  after: Date | null,
): Promise<{ items: PendingRow[]; total: number } | null> {
  const match = pendingMatch(ctx, side, scopeId, r)
  if (!match) return null
  const rows = after ? { $filter: { input: '$rows', as: 'row', cond: { $gt: ['$$row.createdAt', after] } } } : '$rows'
  // wx-server-sdk types aggregate() loosely; the answer of end() is `{ list }`.
  const pipeline = (ctx.db.collection('registrations') as unknown as { aggregate(): AggregateBuilder }).aggregate()
  const result = await pipeline
    .match(match)
    .sort({ createdAt: 1 })
    .group({ _id: null, total: { $sum: 1 }, rows: { $push: ROW } })
    .project({ _id: 0, total: 1, items: { $slice: [rows, limit] } })
    .end()
  const [page] = result.list as { items: PendingRow[]; total: number }[]
  return page ?? { items: [], total: 0 }
}

interface AggregateBuilder {
  match(q: object): AggregateBuilder
  sort(s: object): AggregateBuilder
  project(p: object): AggregateBuilder
  group(g: object): AggregateBuilder
  end(): Promise<{ list: unknown[] }>
}
