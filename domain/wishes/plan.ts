/**
 * Who may do what to one wish, and the write each verb makes. The planner answers a complete
 * domain/lifecycle.ts Plan: the state the wish must still be in, the fields, the history entry,
 * and the conditions that must still hold when the write lands (the claim relation, the deadline
 * of a release). server/kit changeState writes it in one conditional update; the timer writes a
 * release with writePlan. availableVerbs answers the buttons from the very same rules.
 */
import { DomainError, isDomainError, type ErrorCode } from '../errors'
import type { Condition, Plan } from '../lifecycle'
import { can, type Target } from '../permissions'
import type { RegistrationRecord } from '../registration'
import type { RoleGrant } from '../roles'
import { displayName, type UserRecord } from '../users'
import { DEFAULT_WISH_SETTINGS, WISH_STATE_LABELS, type WishSettings, type WishState } from '../wishes-labels'
import { checkPhotos, checkRating, checkReason, checkText, correctedContent, DELIVERY_MAX_PHOTOS, type WishContent } from './content'
import { claimDays, claimDeadline, isClaimOverdue, overdueCondition } from './deadline'
import { checkServiceHours } from './settings'
import { isClosed, isInReview, nextState, WISH_TRANSITIONS, WISH_VERB_PERMISSION, WISH_VERBS, type WishActor, type WishVerb } from './lifecycle'
import type { Claim, ClaimKind, ClaimRegistration, Delivery, Rating, WishHistoryEntry, WishPhoto, WishRecord } from './record'
import { wallPlacement } from './wall'

// ---------------------------------------------------------------------------------------------
// Who

/**
 * The caller of a verb: a person (their record id, name, role grants as held now, and what a claim
 * of theirs keeps: their openid and, for a member, their live registration), or the timer.
 */
export type WishCaller =
  | { kind: 'user'; userId: string; name: string; grants: readonly RoleGrant[]; openid?: string; registration?: ClaimRegistration }
  | { kind: 'system' }

export type UserCaller = Extract<WishCaller, { kind: 'user' }>

export const SYSTEM_CALLER: WishCaller = { kind: 'system' }

/**
 * The caller as the function read them: their `users` record (roles as held now, the member role
 * derived from a registered live registration) and that live registration. A member's claim keeps
 * the registration, so the hours of a confirmed wish need no read of the claimer.
 */
export function wishCallerOf(user: Pick<UserRecord, '_id' | 'name' | 'roles' | 'openid'>, live: Pick<RegistrationRecord, '_id' | 'communityId' | 'unitId'> | null): WishCaller {
  const grants = user.roles ?? []
  const caller: WishCaller = { kind: 'user', userId: user._id, name: displayName(user), grants }
  if (user.openid) caller.openid = user.openid
  // The member role exists only while the live registration is registered: it is that one.
  if (live && claimKindOf(grants) === 'member') caller.registration = { id: live._id, communityId: live.communityId, unitId: live.unitId }
  return caller
}

export function wishTarget(wish: Pick<WishRecord, 'lineage'>): Target {
  return { kind: 'org', lineage: wish.lineage }
}

/** Members and caring citizens light wishes; a member claims as a member, so hours are credited. */
export function claimKindOf(grants: readonly RoleGrant[]): ClaimKind | null {
  if (grants.some((g) => g.kind === 'member')) return 'member'
  if (grants.some((g) => g.kind === 'caring_citizen')) return 'caring_citizen'
  return null
}

/** Writer or beneficiary of the wish: they may not light it. */
export function isOwnWish(wish: Pick<WishRecord, 'author' | 'beneficiary'>, userId: string): boolean {
  return wish.author.userId === userId || wish.beneficiary.userId === userId
}

/** Which of the verb's actor kinds the caller holds for this wish. */
export function actorsFor(wish: Pick<WishRecord, 'lineage' | 'claim' | 'beneficiary'>, verb: WishVerb, caller: WishCaller): WishActor[] {
  return WISH_TRANSITIONS[verb].actors.filter((actor) => {
    if (actor === 'system') return caller.kind === 'system'
    if (caller.kind !== 'user') return false
    switch (actor) {
      case 'grid_worker':
      case 'community_admin': {
        const permission = WISH_VERB_PERMISSION[verb]
        return !!permission && caller.grants.some((g) => g.kind === actor) && can(caller.grants.filter((g) => g.kind === actor), permission, wishTarget(wish))
      }
      case 'claimer':
        // Lighting makes the caller the claimer; every later claimer verb needs to be that person.
        return verb === 'light' ? claimKindOf(caller.grants) !== null : wish.claim?.userId === caller.userId
      case 'beneficiary':
        return !!wish.beneficiary.userId && wish.beneficiary.userId === caller.userId
    }
    return false
  })
}

function refusalCode(verb: WishVerb): ErrorCode {
  const actors = WISH_TRANSITIONS[verb].actors
  if (actors.length === 1 && actors[0] === 'claimer') return 'WISH.NOT_CLAIMER'
  if (actors.includes('beneficiary') && verb !== 'submit' && verb !== 'resubmit') return 'WISH.NOT_RELATED'
  return 'AUTH.FORBIDDEN'
}

/**
 * Throws when the caller may not perform `verb` on this wish, whatever its state; the most
 * specific code first. Checked before the state (nextState), so a stranger learns nothing about
 * a wish outside their reach.
 */
export function authorizeVerb(wish: Pick<WishRecord, 'lineage' | 'claim' | 'beneficiary' | 'author'>, verb: WishVerb, caller: WishCaller): WishActor {
  const held = actorsFor(wish, verb, caller)
  if (verb === 'light') {
    if (held.length === 0) throw new DomainError('WISH.NOT_ELIGIBLE')
    if (caller.kind === 'user' && isOwnWish(wish, caller.userId)) throw new DomainError('WISH.OWN_WISH')
    return held[0]
  }
  if (held.length > 0) return held[0]
  const code: ErrorCode = refusalCode(verb)
  if (verb === 'disputeDelivery') throw new DomainError(code, '只有受助人或负责的网格员可以说明没有收到')
  throw new DomainError(code)
}

/** The community edits the text of a wish in its own review (wish.review on the household). */
export function authorizeEdit(wish: Pick<WishRecord, 'lineage' | 'state'>, caller: WishCaller): asserts caller is UserCaller {
  if (caller.kind !== 'user' || !can(caller.grants, 'wish.review', wishTarget(wish))) throw new DomainError('AUTH.FORBIDDEN')
  if (!isInReview(wish.state)) throw new DomainError('WISH.INVALID_TRANSITION', `当前状态为「${WISH_STATE_LABELS[wish.state]}」，不能修改`)
}

// ---------------------------------------------------------------------------------------------
// What a person may press now

/** What a person may do to a wish from its page: the table's verbs but the device's and the timer's, and editing in review. */
export type WishAction = Exclude<WishVerb, 'submit' | 'autoRelease'> | 'edit'

export const WISH_ACTIONS: readonly WishAction[] = [...WISH_VERBS.filter((v): v is Exclude<WishVerb, 'submit' | 'autoRelease'> => v !== 'submit' && v !== 'autoRelease'), 'edit']

/** True when `check` passes; false when it refuses (a DomainError). */
function passes(check: () => unknown): boolean {
  try {
    check()
    return true
  } catch (e) {
    if (isDomainError(e)) return false
    throw e
  }
}

/**
 * Whether `viewer` may do `action` now: exactly the planner's own who-and-state checks
 * (authorizeVerb and nextState, authorizeEdit), so a button shown is a verb that succeeds with a
 * valid input, and a verb refused is never shown. Someone unknown (null) may do nothing.
 */
export function mayPerform(wish: Pick<WishRecord, 'state' | 'lineage' | 'claim' | 'beneficiary' | 'author'>, viewer: WishCaller | null, action: WishAction): boolean {
  if (viewer?.kind !== 'user' || isClosed(wish.state)) return false
  if (action === 'edit') return passes(() => authorizeEdit(wish, viewer))
  return passes(() => authorizeVerb(wish, action, viewer)) && passes(() => nextState(wish.state, action))
}

/** The actions `viewer` may take on the wish now, in the table's order (the detail's buttons). */
export function availableVerbs(wish: Pick<WishRecord, 'state' | 'lineage' | 'claim' | 'beneficiary' | 'author'>, viewer: WishCaller | null): WishAction[] {
  return WISH_ACTIONS.filter((action) => mayPerform(wish, viewer, action))
}

// ---------------------------------------------------------------------------------------------
// Planning a change: what the conditional update writes

/** What each verb may bring besides the wish and the caller. */
export interface VerbInput {
  reason?: string
  visit?: { at: Date; note: string }
  serviceHours?: number
  /** Photos as they really are in storage (the function checks the files before planning). */
  photos?: WishPhoto[]
  note?: string
  stars?: number
  thanks?: string
  /** The correction an edit or a resubmission makes; absent fields keep the stored value. */
  content?: Partial<WishContent>
}

/**
 * The write a verb makes: `where({ _id, state: from, ...conditions }).update({ ...set, history: push(entry) })`.
 * `entry` is the one history entry (also in `entries`); `notify` lists the people to send a
 * subscription message to (ids), after the write succeeded.
 */
export interface WishPlan extends Plan<WishState, WishHistoryEntry> {
  set: Partial<Omit<WishRecord, '_id' | 'history'>>
  entry: WishHistoryEntry
  notify: string[]
}

export interface PlanContext {
  now: Date
  settings?: WishSettings
  op?: string
}

/** The fields a checked correction writes; the category lives on the beneficiary, written whole. */
function contentSet(wish: WishRecord, content: WishContent): WishPlan['set'] {
  const set: WishPlan['set'] = { title: content.title, details: content.details, estimatedValue: content.estimatedValue }
  if (content.category !== wish.beneficiary.category) set.beneficiary = { ...wish.beneficiary, category: content.category }
  return set
}

/**
 * What must still hold when the write lands besides `_id` and `state`: the relation the planner
 * checked on the wish it read, so a claim taken over or released in between cannot be acted on.
 */
function conditionsOf(wish: WishRecord, verb: WishVerb, caller: WishCaller, ctx: PlanContext, settings: WishSettings): Condition[] {
  const me = caller.kind === 'user' ? caller.userId : ''
  switch (verb) {
    case 'light':
      // Nobody lights their own wish, even if it became theirs in between.
      return [{ 'author.userId': { $ne: me }, 'beneficiary.userId': { $ne: me } }]
    case 'giveUp':
    case 'deliver':
      return [{ 'claim.userId': me }]
    case 'autoRelease':
      // The claim the release was planned for, still overdue by the rule it was lit under.
      return wish.claim ? [{ 'claim.userId': wish.claim.userId }, overdueCondition(wish.claim, ctx.now, settings)] : []
    case 'revokeClaim':
    case 'confirm':
    case 'disputeDelivery':
    case 'rate':
      // The claim the plan was made for (the notification and the ledger name this claimer).
      return wish.claim ? [{ 'claim.userId': wish.claim.userId }] : []
    default:
      return []
  }
}

/**
 * Every check of a verb, in a fixed order (who → state → input), then the write it makes. The
 * cloud function runs it on the wish it read (and again on a fresh read to explain why its
 * conditional update matched nothing); the conditions are what make the write safe under races.
 */
export function planTransition(wish: WishRecord, verb: WishVerb, caller: WishCaller, input: VerbInput, ctx: PlanContext): WishPlan {
  const actor = authorizeVerb(wish, verb, caller)
  const to = nextState(wish.state, verb)
  const settings = ctx.settings ?? DEFAULT_WISH_SETTINGS
  const by = caller.kind === 'user' ? caller.userId : 'system'
  const byName = caller.kind === 'user' ? caller.name : '系统'
  const entry: WishHistoryEntry = { verb, from: wish.state, to, by, byName, at: ctx.now }
  if (ctx.op) entry.op = ctx.op
  // The wall fields move with the state in the same write, so the wall's indexes never disagree with it.
  const set: WishPlan['set'] = { state: to, updatedAt: ctx.now, ...wallPlacement(to) }
  const notify: string[] = []
  const releaseClaim = () => {
    if (wish.claim) {
      entry.claimerId = wish.claim.userId
      notify.push(wish.claim.userId)
    }
    set.claim = null
  }

  if (WISH_TRANSITIONS[verb].needsReason) {
    entry.reason = checkReason(input.reason)
    // `reason` on the record explains a rejection or a take-down; a revocation's or a dispute's is in the history.
    if (verb !== 'revokeClaim' && verb !== 'disputeDelivery') set.reason = entry.reason
  }

  switch (verb) {
    case 'submit':
    case 'resubmit': {
      // A resubmission is the corrected wish: checked as a whole, as the intake checks it.
      const content = correctedContent(wish, verb === 'resubmit' ? input.content : undefined)
      if (!wish.consent) throw new DomainError('WISH.CONSENT_REQUIRED')
      if (verb === 'resubmit') Object.assign(set, contentSet(wish, content))
      break
    }
    case 'verify': {
      if (!input.visit) throw new DomainError('WISH.VISIT_REQUIRED')
      const note = checkText('visitNote', input.visit.note)
      if (!(input.visit.at instanceof Date) || Number.isNaN(input.visit.at.getTime()) || input.visit.at.getTime() > ctx.now.getTime()) throw new DomainError('WISH.VISIT_REQUIRED', '走访时间不正确')
      if (caller.kind !== 'user') throw new DomainError('AUTH.FORBIDDEN')
      set.visit = { at: input.visit.at, note, by: caller.userId, byName: caller.name }
      break
    }
    case 'publish':
      if (!wish.consent) throw new DomainError('WISH.CONSENT_REQUIRED')
      if (!wish.visit) throw new DomainError('WISH.VISIT_REQUIRED')
      if (input.serviceHours !== undefined) set.serviceHours = checkServiceHours(input.serviceHours)
      set.publishedAt = wish.publishedAt ?? ctx.now
      notify.push(wish.author.userId)
      break
    case 'reject':
      notify.push(wish.author.userId)
      break
    case 'light': {
      if (caller.kind !== 'user') throw new DomainError('WISH.NOT_ELIGIBLE')
      const kind = claimKindOf(caller.grants) as ClaimKind
      const claim: Claim = { userId: caller.userId, name: caller.name, kind, at: ctx.now, releaseAt: claimDeadline({ at: ctx.now }, settings) }
      if (caller.openid) claim.openid = caller.openid
      if (kind === 'member' && caller.registration) claim.registration = caller.registration
      set.claim = claim
      notify.push(wish.contact.userId)
      break
    }
    case 'giveUp':
      if (input.reason) entry.reason = checkText('reason', input.reason)
      releaseClaim()
      // The one who gave up knows; the notification is for the grid worker.
      notify.length = 0
      notify.push(wish.contact.userId)
      break
    case 'revokeClaim':
      releaseClaim()
      break
    case 'autoRelease':
      entry.reason = `超过${wish.claim ? claimDays(wish.claim, settings) : settings.claimReleaseDays}天未送达，系统自动释放`
      releaseClaim()
      break
    case 'deliver': {
      const photos = input.photos ?? []
      checkPhotos(photos, DELIVERY_MAX_PHOTOS, true)
      const delivery: Delivery = { photos, at: ctx.now }
      if (input.note) delivery.note = checkText('deliveryNote', input.note)
      set.delivery = delivery
      notify.push(wish.contact.userId)
      if (wish.beneficiary.userId) notify.push(wish.beneficiary.userId)
      break
    }
    case 'confirm':
      if (caller.kind !== 'user') throw new DomainError('AUTH.FORBIDDEN')
      set.confirmation = { by: caller.userId, byName: caller.name, as: actor === 'beneficiary' ? 'beneficiary' : 'grid_worker', at: ctx.now }
      if (wish.claim) notify.push(wish.claim.userId)
      break
    case 'disputeDelivery':
      // Back to lit with the same claim, releaseAt untouched: a dispute gives the claimer no extra
      // days. The delivery is cleared so the next one starts clean; the history keeps its proof.
      if (wish.delivery) entry.disputed = wish.delivery
      set.delivery = null
      if (wish.claim) notify.push(wish.claim.userId)
      break
    case 'rate': {
      if (caller.kind !== 'user') throw new DomainError('AUTH.FORBIDDEN')
      const rating: Rating = { stars: checkRating(input.stars), by: caller.userId, at: ctx.now }
      if (input.thanks) rating.thanks = checkText('thanks', input.thanks)
      set.rating = rating
      if (wish.claim) notify.push(wish.claim.userId)
      break
    }
    case 'takeDown':
      break
  }
  return {
    from: wish.state,
    to,
    set,
    entry,
    entries: [entry],
    conditions: conditionsOf(wish, verb, caller, ctx, settings),
    notify: [...new Set(notify)].filter((id) => id !== by),
  }
}

/**
 * An edit during review: the same content checks as the intake, recorded as an `edit` entry
 * (from = to = the current state) so the timeline shows who changed the words.
 */
export function planEdit(wish: WishRecord, caller: WishCaller, patch: Partial<WishContent>, ctx: PlanContext): WishPlan {
  authorizeEdit(wish, caller)
  const content = correctedContent(wish, patch)
  const set: WishPlan['set'] = { ...contentSet(wish, content), updatedAt: ctx.now }
  const entry: WishHistoryEntry = { verb: 'edit', from: wish.state, to: wish.state, by: caller.userId, byName: caller.name, at: ctx.now }
  if (ctx.op) entry.op = ctx.op
  return { from: wish.state, to: wish.state, set, entry, entries: [entry], conditions: [], notify: [] }
}

/**
 * The function's one entry: the plan of `action` by `caller` on the wish read (either may be
 * missing). Someone the backend has never seen holds no role and no relation to any wish.
 */
export function planChange(wish: WishRecord | null, action: WishVerb | 'edit', caller: WishCaller | null, input: VerbInput, ctx: PlanContext): WishPlan {
  if (!caller) throw new DomainError(action === 'light' ? 'WISH.NOT_ELIGIBLE' : 'AUTH.FORBIDDEN')
  if (!wish) throw new DomainError('WISH.NOT_FOUND')
  if (action === 'edit') return planEdit(wish, caller, input.content ?? {}, ctx)
  return planTransition(wish, action, caller, input, ctx)
}

/**
 * The releases the timer should make now, oldest claim first: each plan's conditions repeat the
 * claimer and the overdue rule, so a delivery or a new claim landing in between wins.
 */
export function releaseDue(wishes: readonly WishRecord[], now: Date, settings: WishSettings = DEFAULT_WISH_SETTINGS, op?: string): Array<{ id: string; claimerId: string; change: WishPlan }> {
  return wishes
    .filter((w) => isClaimOverdue(w, now, settings))
    .sort((a, b) => new Date(a.claim!.at).getTime() - new Date(b.claim!.at).getTime())
    .map((w) => ({ id: w._id, claimerId: w.claim!.userId, change: planTransition(w, 'autoRelease', SYSTEM_CALLER, {}, { now, settings, op }) }))
}
