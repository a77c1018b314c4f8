/**
 * The admins' decisions (confirm or reject, on the unit side or the community side). The scope
 * the caller holds is part of the conditional update itself, so a decision is one write that is
 * right even when two admins act at once, and the history entry pushed by that same write is the
 * audit record.
 */
import { randomBytes } from 'node:crypto'
import { findCaller, getDocs, updateDocs, type ActionContext } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { can, reach, reachesAny, type PermissionAction, type Reach, type Target } from '../../../domain/permissions'
import {
  nextState,
  REGISTRATION_TRANSITIONS,
  type LiveRegistrationPointer,
  type RegistrationRecord,
  type StoredHistoryEntry,
} from '../../../domain/registration'
import type { UserRecord } from '../../../domain/users'

export type Caller = UserRecord & LiveRegistrationPointer
export type DecisionVerb = 'confirmUnit' | 'rejectUnit' | 'confirmCommunity' | 'rejectCommunity'
type Side = 'unit' | 'community'

/** Which permission each decision needs, and on which side of the registration it acts. */
export const DECISIONS: Record<DecisionVerb, { action: PermissionAction; side: Side }> = {
  confirmUnit: { action: 'registration.confirmUnit', side: 'unit' },
  rejectUnit: { action: 'registration.confirmUnit', side: 'unit' },
  confirmCommunity: { action: 'registration.confirmCommunity', side: 'community' },
  rejectCommunity: { action: 'registration.confirmCommunity', side: 'community' },
}

/** What a registration is, for a permission check on one side. */
export function targetOf(doc: Pick<RegistrationRecord, 'unitId' | 'unitCountyId' | 'communityLineage'>, side: Side): Target {
  return side === 'unit' ? { kind: 'unit', unitId: doc.unitId, countyId: doc.unitCountyId } : { kind: 'org', lineage: doc.communityLineage }
}

export function displayName(user: Pick<UserRecord, 'name'>): string {
  return user.name ?? '微信用户'
}

type Command = ActionContext['db']['command']

/** The database form of `reaches(r, target)` for the registrations collection. */
function scopeFilter(_: Command, r: Reach, side: Side): object {
  if (side === 'community') return { communityLineage: _.in(r.orgIds) }
  const parts: object[] = []
  if (r.unitIds.length) parts.push({ unitId: _.in(r.unitIds) })
  if (r.countyIds.length) parts.push({ unitCountyId: _.in(r.countyIds) })
  return parts.length === 1 ? parts[0] : _.or(parts)
}

export interface Decision {
  caller: Caller
  reach: Reach
  /** Ids changed by this call, in the order asked. */
  done: string[]
  failed: { id: string; error: DomainError }[]
  /** The documents as read after the write, when a failure had to be explained (else undefined). */
  read?: RegistrationRecord[]
}

/** Why `id` was not changed by this call: the first of not found, out of scope, wrong state; else someone changed it meanwhile. */
function failureOf(doc: RegistrationRecord | undefined, verb: DecisionVerb, caller: Caller): DomainError {
  if (!doc) return new DomainError('REGISTRATION.NOT_FOUND')
  const { action, side } = DECISIONS[verb]
  if (!can(caller.roles ?? [], action, targetOf(doc, side))) return new DomainError('AUTH.FORBIDDEN')
  try {
    nextState(doc.state, verb)
  } catch (e) {
    return e as DomainError
  }
  return new DomainError('REGISTRATION.CHANGED')
}

/**
 * Applies `verb` to `ids` within the caller's scope. Round trips: 1 (read the caller) + 1 (the
 * conditional update); +1 (read the ids once) only when fewer were changed than asked.
 */
export async function decide(ctx: ActionContext, verb: DecisionVerb, ids: readonly string[], reason?: string): Promise<Decision> {
  const { action, side } = DECISIONS[verb]
  const transition = REGISTRATION_TRANSITIONS[verb]
  const caller = await findCaller<Caller>(ctx)
  const r = reach(caller?.roles ?? [], action)
  // No role that could reach any registration on this side: refused before anything is touched.
  if (!caller || !reachesAny(r, side === 'unit' ? 'unit' : 'org')) throw new DomainError('AUTH.FORBIDDEN')
  if (transition.from.length !== 1) throw new Error(`decision ${verb} must leave exactly one state`)
  const from = transition.from[0]

  const _ = ctx.db.command
  const unique = [...new Set(ids)]
  const op = randomBytes(8).toString('hex')
  const entry: StoredHistoryEntry = { verb, from, to: transition.to, by: caller._id, byName: displayName(caller), at: ctx.now, op }
  if (reason) entry.reason = reason
  const data: Record<string, unknown> = { state: transition.to, updatedAt: ctx.now, history: _.push(entry) }
  if (reason) data.reason = reason

  const registrations = ctx.db.collection('registrations')
  const updated = await updateDocs(registrations.where(_.and([{ _id: _.in(unique), state: from }, scopeFilter(_, r, side)])), data)
  if (updated === unique.length) return { caller, reach: r, done: unique, failed: [] }

  const read = await getDocs<RegistrationRecord>(registrations.where({ _id: _.in(unique) }).limit(unique.length))
  const byId = new Map(read.map((d) => [d._id, d]))
  const done: string[] = []
  const failed: Decision['failed'] = []
  for (const id of unique) {
    const doc = byId.get(id)
    if (doc?.history?.some((h) => h.op === op)) done.push(id)
    else failed.push({ id, error: failureOf(doc, verb, caller) })
  }
  return { caller, reach: r, done, failed, read }
}
