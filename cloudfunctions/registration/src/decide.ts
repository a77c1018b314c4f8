/**
 * The admins' decisions (confirm or reject, on the unit side or the community side). The domain
 * plans them (domain/registration-verbs.ts): the state, the history entry, and the admin's scope
 * as a condition of the write itself, so a decision is one conditional update that is right even
 * when two admins act at once. A batch (批量确认) is one update over every id (kit changeMany); a
 * rejection is one registration (kit changeState).
 */
import { changeMany, changeState, findCaller, opId, updateDocs, type ActionContext } from '../../../server/kit'
import type { RegistrationCard } from '../../../domain/api/registration'
import type { DomainError } from '../../../domain/errors'
import type { LiveRegistrationPointer, RegistrationRecord } from '../../../domain/registration'
import { planDecision, planDecisions, type DecisionVerb, type RegistrationViewer } from '../../../domain/registration-verbs'
import { displayName, type UserRecord } from '../../../domain/users'
import { toCard } from './card'

export type Caller = UserRecord & LiveRegistrationPointer

/** The caller as the registration planners see them; `name` is who history entries name (default: their display name). */
export function viewerOf(caller: Caller | null, name?: string): RegistrationViewer | null {
  return caller ? { userId: caller._id, name: name ?? displayName(caller), grants: caller.roles ?? [] } : null
}

export interface Decision {
  /** Ids changed by this call, in the order asked. */
  done: string[]
  failed: { id: string; error: DomainError }[]
}

/**
 * Confirms `ids` within the caller's scope. Round trips: 1 (the caller) + 1 (the conditional
 * update over every id); +1 (the ids read once, each failure explained by the planner) only when
 * fewer were changed than asked. A caller whose roles reach nothing on that side is refused
 * after the first.
 */
export async function decide(ctx: ActionContext, verb: Extract<DecisionVerb, `confirm${string}`>, ids: readonly string[]): Promise<Decision> {
  const viewer = viewerOf(await findCaller<Caller>(ctx))
  const args = { now: ctx.now, op: opId() }
  return changeMany<RegistrationRecord>(ctx.db, {
    collection: 'registrations',
    ids,
    plan: planDecisions(verb, viewer, args),
    op: args.op,
    explain: (doc) => planDecision(verb, doc, viewer, args),
    changed: 'REGISTRATION.CHANGED',
  })
}

/**
 * 退回 one registration with a reason. 3 round trips: the caller with the registration (one
 * aggregation), the conditional update, the person's pointer cleared (a rejected registration
 * is not live, so they may submit again); the card is what was read with the plan applied.
 */
export async function reject(ctx: ActionContext, verb: Extract<DecisionVerb, `reject${string}`>, id: string, reason: string): Promise<RegistrationCard> {
  const { after, read } = await changeState<RegistrationRecord, never, ReturnType<typeof planDecision>, Caller>(ctx, {
    collection: 'registrations',
    id,
    plan: ({ caller, target }) => planDecision(verb, target, viewerOf(caller), { now: ctx.now, reason }),
    changed: 'REGISTRATION.CHANGED',
  })
  await updateDocs(ctx.db.collection('users').where({ liveRegistrationId: id }), { liveRegistrationId: null, updatedAt: ctx.now })
  return toCard(after, viewerOf(read.caller))
}
