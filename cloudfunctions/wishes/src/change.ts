/**
 * One state change of one wish: read the caller and the wish together (1 round trip), let the
 * domain plan it (who → state → input, precise codes, nothing written on a refusal), then ONE
 * conditional update `where({ _id, state: from, ...relation })` that sets the new state and pushes
 * the history entry (the audit record) in the same write (2). Only when that update matched
 * nothing is the wish read again, to say precisely why (someone was faster, it moved on).
 */
import { randomBytes } from 'node:crypto'
import { addDoc, cloud, isDuplicateKeyError, updateDocs, type ActionContext } from '../../../server/kit'
import type { WishDetail } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import {
  planEdit,
  planTransition,
  serviceHoursCredit,
  type VerbInput,
  type WishCaller,
  type WishChange,
  type WishContent,
  type WishRecord,
  type WishSettings,
  type WishVerb,
} from '../../../domain/wishes'
import { asWishCaller, callerAndWish, displayName, present, readWish, type Caller, type LiveRegistration } from './load'
import { sendNotices } from './notify'
import { toDetail, type Viewer } from './views'

type Command = ActionContext['db']['command']

export function opId(): string {
  return randomBytes(8).toString('hex')
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

/**
 * The update document: sub-documents are replaced whole (`_.set`), never merged field by field,
 * so a released claim leaves nothing of the old one behind and a new claim can replace `null`.
 */
export function updateData(_: Command, change: Pick<WishChange, 'set' | 'entry'>): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(change.set)) {
    if (value === undefined) continue
    data[key] = isPlainObject(value) ? _.set(value) : value
  }
  data.history = _.push(change.entry)
  return data
}

/** The wish after a successful write: what was read, with the change applied (no read back). */
export function applied(wish: WishRecord, change: Pick<WishChange, 'set' | 'entry'>): WishRecord {
  return { ...wish, ...(change.set as Partial<WishRecord>), history: [...(wish.history ?? []), change.entry] }
}

export function viewerOf(caller: Caller | null): Viewer {
  return caller ? { userId: caller._id, name: displayName(caller), grants: caller.roles ?? [] } : { userId: null, name: '', grants: [] }
}

/**
 * The database condition besides `_id` and `state`: the relation the domain checked on the read,
 * repeated in the write, so a claim taken over or released in between cannot be acted on.
 */
function relationFilter(_: Command, wish: WishRecord, verb: WishVerb | 'edit', caller: WishCaller): Record<string, unknown> {
  const me = caller.kind === 'user' ? caller.userId : ''
  switch (verb) {
    case 'light':
      return { 'author.userId': _.neq(me), 'beneficiary.userId': _.neq(me) }
    case 'giveUp':
    case 'deliver':
      return { 'claim.userId': me }
    case 'revokeClaim':
    case 'autoRelease':
    case 'confirm':
    case 'disputeDelivery':
    case 'rate':
      // The claim the plan was made for (the notification and the ledger name this claimer).
      return wish.claim ? { 'claim.userId': wish.claim.userId } : {}
    default:
      return {}
  }
}

export interface ChangeOptions {
  /** Runs after every check passed and before the write (the content-security check of publishing). */
  beforeWrite?: (wish: WishRecord, change: WishChange, caller: Caller) => Promise<void>
  /** Extra fields to set in the same write (a member's registration on a claim, the openid). */
  extraSet?: (wish: WishRecord, change: WishChange, caller: Caller, live: LiveRegistration | null) => Record<string, unknown>
  /** The content a resubmission corrects, checked by the plan as if it were the stored one. */
  patch?: Partial<WishContent>
  /** Refusal when the caller is unknown to the backend. */
  unknownCaller?: DomainError
}

/** Only the fields given: an absent field keeps the stored value. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function patched(wish: WishRecord, patch: Partial<WishContent> | undefined): WishRecord {
  if (!patch) return wish
  const out: WishRecord = { ...wish }
  if (patch.title !== undefined) out.title = patch.title
  if (patch.details !== undefined) out.details = patch.details
  if (patch.estimatedValue !== undefined) out.estimatedValue = patch.estimatedValue
  if (patch.category !== undefined) out.beneficiary = { ...wish.beneficiary, category: patch.category }
  return out
}

/** Plans, writes conditionally and answers the wish as the caller now sees it. */
export async function changeWish(ctx: ActionContext, id: string, verb: WishVerb | 'edit', input: VerbInput & Partial<WishContent>, options: ChangeOptions = {}): Promise<WishDetail> {
  // The community's settings come with the caller and the wish (one aggregation): lighting stamps
  // the claim's release deadline from them, confirming credits their hours.
  const { caller, live, wish: read, settings } = await callerAndWish(ctx, id)
  if (!caller) throw options.unknownCaller ?? new DomainError(verb === 'light' ? 'WISH.NOT_ELIGIBLE' : 'AUTH.FORBIDDEN')
  const wish = present(read)
  const who = asWishCaller(caller)
  const op = opId()
  const plan = (w: WishRecord): WishChange => {
    if (verb === 'edit') return planEdit(w, who, definedOnly({ title: input.title, details: input.details, estimatedValue: input.estimatedValue, category: input.category }), { now: ctx.now, op })
    return planTransition(patched(w, options.patch), verb, who, input, { now: ctx.now, settings, op })
  }
  const change = plan(wish)
  if (verb === 'resubmit' && options.patch) {
    const p = patched(wish, options.patch)
    Object.assign(change.set, { title: p.title, details: p.details, estimatedValue: p.estimatedValue, beneficiary: p.beneficiary })
  }
  if (options.extraSet) Object.assign(change.set, options.extraSet(wish, change, caller, live))
  if (options.beforeWrite) await options.beforeWrite(wish, change, caller)

  const _ = ctx.db.command
  const where = { _id: id, state: change.from, ...relationFilter(_, wish, verb, who) }
  const updated = await updateDocs(ctx.db.collection('wishes').where(where), updateData(_, change))
  if (updated !== 1) {
    // Refused by the database: somebody acted first. Explain from the wish as it is now.
    const now = await readWish(ctx, id)
    plan(present(now))
    throw new DomainError('WISH.CHANGED')
  }
  const after = applied(wish, change)
  if (verb === 'confirm') await creditHours(ctx, after, settings)
  if (verb !== 'edit') await sendNotices(wish, verb, change.notify, change.entry.reason)
  return toDetail(after, viewerOf(caller))
}

/**
 * A member's confirmed wish credits one `service_hours` row. The ledger's unique index on
 * (source.kind, source.id, userId) makes a retried confirmation write nothing new.
 */
export async function creditHours(ctx: ActionContext, wish: WishRecord, settings: WishSettings): Promise<boolean> {
  const credit = serviceHoursCredit(wish, settings)
  const reg = wish.claim?.registration
  if (!credit || !reg) return false
  try {
    await addDoc(ctx.db.collection('service_hours'), { ...credit, registrationId: reg.id, communityId: reg.communityId, unitId: reg.unitId, createdAt: ctx.now })
    return true
  } catch (e) {
    if (isDuplicateKeyError(e)) return false
    throw e
  }
}

/**
 * The content-security check of everything people wrote, before it goes on the wall. A `risky`
 * verdict refuses with WISH.CONTENT_RISKY naming the field; if the check itself cannot be made,
 * nothing is published unchecked (SYSTEM.BUSY, to try again).
 */
export async function checkContentSecurity(texts: { field: string; text: string }[], openid: string): Promise<void> {
  const verdicts = await Promise.all(
    texts.map(async ({ field, text }) => {
      try {
        const r = (await cloud.openapi.security.msgSecCheck({ content: text, version: 2, scene: 2, openid } as never)) as { result?: { suggest?: string; label?: number } }
        return { field, suggest: r?.result?.suggest ?? 'pass', label: r?.result?.label }
      } catch (e) {
        if ((e as { errCode?: number })?.errCode === 87014) return { field, suggest: 'risky', label: undefined }
        console.error('[wishes.msgSecCheck]', (e as { errCode?: number })?.errCode ?? '', (e as Error)?.message ?? e)
        throw new DomainError('SYSTEM.BUSY', '内容安全检查暂时不可用，请稍后再发布')
      }
    }),
  )
  const risky = verdicts.find((v) => v.suggest === 'risky')
  if (risky) {
    const label = risky.field === 'title' ? '心愿标题' : '心愿详情'
    throw new DomainError('WISH.CONTENT_RISKY', `${label}未通过内容安全检查，请修改后再发布`, { field: risky.field, label: risky.label })
  }
}
