/**
 * Writing a validated import: all of it or none of it. CloudBase has no transaction that holds
 * thousands of documents, so every document carries the import's id; if any insert fails,
 * everything with that id is removed and the `imports` record says failed (docs/import.md says
 * what a crash in the middle leaves behind).
 */
import { addDoc, appendAudit, getDocs, isDuplicateKeyError, removeDocs, updateDocs, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import type { PlannedHousehold } from '../../../domain/householdImport'
import type { ImportPlan } from '../../../domain/imports'
import type { UserRecord } from '../../../domain/users'

/** Documents per insert call: one round trip each; well under the request size limits. */
export const BATCH = 500
/** A lock older than this belongs to an import that died (the function's limit is 60 s). */
const LOCK_STALE_MS = 5 * 60_000
/** Every collection an import writes: what a failed or dead import leaves is removed from each by its id. */
const COLLECTIONS = ['registrations', 'units', 'org_nodes', 'households'] as const

export interface ImportMeta {
  importId: string
  countyId: string
  caller: UserRecord
  fileName: string
}

/** One import per county at a time: the lock is a document whose _id the database keeps unique. */
export async function takeLock(ctx: ActionContext, countyId: string, importId: string): Promise<void> {
  const _id = `lock-${countyId}`
  const imports = ctx.db.collection('imports')
  const lock = { _id, kind: 'lock', countyId, importId, startedAt: ctx.now }
  try {
    await addDoc(imports, lock)
    return
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
  }
  const [held] = await getDocs<{ importId: string; startedAt: Date }>(imports.where({ _id }).limit(1))
  if (held && ctx.now.getTime() - new Date(held.startedAt).getTime() < LOCK_STALE_MS) throw new DomainError('IMPORT.BUSY')
  // A dead import's lock: taken over only if it is still that one (conditional on its importId).
  if (held && (await removeDocs(imports.where({ _id, importId: held.importId }))) !== 1) throw new DomainError('IMPORT.BUSY')
  // What the dead import had written goes, as its own clean-up would have done (docs/import.md).
  if (held) {
    await Promise.all(COLLECTIONS.map((c) => removeDocs(ctx.db.collection(c).where({ importId: held.importId }))))
    await updateDocs(imports.where({ _id: held.importId, state: 'running' }), { state: 'failed', finishedAt: ctx.now })
  }
  try {
    await addDoc(imports, lock)
  } catch (e) {
    if (isDuplicateKeyError(e)) throw new DomainError('IMPORT.BUSY')
    throw e
  }
}

async function addInBatches(ctx: ActionContext, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await ctx.db.collection(collection).add({ data: docs.slice(i, i + BATCH) })
  }
}

/** The documents of a plan, each tagged with the import's id so a failure can take them all back. */
function documentsOf(plan: ImportPlan, importId: string, countyId: string, caller: UserRecord, at: Date) {
  const stamp = { importId, createdAt: at, updatedAt: at }
  const nodes = plan.nodes.map(({ row: _row, ...n }) => ({ ...n, ...stamp }))
  const units = plan.units.map(({ row: _row, ...u }) => ({ ...u, ...stamp }))
  const regs = plan.members.map(({ row: _row, ...m }, i) => ({
    _id: `${importId}-r${i.toString(36)}`,
    // Not bound to a WeChat identity yet: binding is a follow-up (docs/import.md).
    userId: null,
    source: 'import',
    ...m,
    unitCountyId: countyId,
    freeTime: [],
    state: 'registered',
    history: [{ verb: 'import', from: null, to: 'registered', by: caller._id, byName: caller.name ?? '', at, op: importId }],
    ...stamp,
  }))
  return { nodes, units, regs }
}

/**
 * The lock, the `imports` record (state running), the inserts, then the record done, the lock
 * released and the audit entry. On a failed insert: remove what carries the id, record failed.
 */
export async function writeImport(ctx: ActionContext, plan: ImportPlan, meta: ImportMeta): Promise<void> {
  const docs = documentsOf(plan, meta.importId, meta.countyId, meta.caller, ctx.now)
  await writeTagged(ctx, meta, { kind: 'import', summary: plan.summary, action: 'importWorkbook' }, [
    ['org_nodes', docs.nodes],
    ['units', docs.units],
    ['registrations', docs.regs],
  ])
}

/** A households workbook: the same lock, record, tagged inserts and clean-up as `writeImport`. */
export async function writeHouseholds(ctx: ActionContext, households: readonly PlannedHousehold[], summary: object, meta: ImportMeta): Promise<void> {
  const stamp = { importId: meta.importId }
  const docs = households.map(({ row: _row, ...h }) => ({ ...h, ...stamp }))
  await writeTagged(ctx, meta, { kind: 'households', summary, action: 'importHouseholds' }, [['households', docs]])
}

async function writeTagged(ctx: ActionContext, meta: ImportMeta, what: { kind: string; summary: object; action: string }, batches: [string, Record<string, unknown>[]][]): Promise<void> {
  const { importId, countyId, caller } = meta
  await takeLock(ctx, countyId, importId)
  const imports = ctx.db.collection('imports')
  const record = { _id: importId, kind: what.kind, state: 'running', countyId, by: caller._id, byName: caller.name ?? '', fileName: meta.fileName, summary: what.summary, startedAt: ctx.now }
  try {
    await addDoc(imports, record)
    // Settled, not raced: the clean-up must not run while another collection's insert is in flight.
    const settled = await Promise.allSettled(batches.map(([collection, docs]) => addInBatches(ctx, collection, docs)))
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (failed) throw failed.reason
  } catch (e) {
    console.error(`[imports.${what.action}] ${importId} failed, removing what it wrote`, e)
    await Promise.all(COLLECTIONS.map((c) => removeDocs(ctx.db.collection(c).where({ importId })).catch(() => 0)))
    await updateDocs(imports.where({ _id: importId }), { state: 'failed', finishedAt: new Date() }).catch(() => 0)
    await removeDocs(imports.where({ _id: `lock-${countyId}`, importId })).catch(() => 0)
    throw new DomainError('IMPORT.FAILED')
  }
  await updateDocs(imports.where({ _id: importId, state: 'running' }), { state: 'done', finishedAt: new Date() })
  await removeDocs(imports.where({ _id: `lock-${countyId}`, importId }))
  await appendAudit(ctx.db, { entity: 'import', entityId: importId, action: what.action, from: null, to: 'done', by: caller._id, at: ctx.now })
}
