/**
 * One state change of one wish through the kit's one write path (server/kit/lifecycle.ts
 * changeState): the caller, their live registration, the wish and its community's settings in ONE
 * aggregation (1 round trip); the domain's plan (domain/wishes planChange: who → state → input,
 * precise codes, the conditions that must still hold); ONE conditional update that sets the new
 * state and pushes the history entry (2). Only when that update matched nothing is the wish read
 * again and planned once more, to say precisely why.
 */
import { changeState, cloud, ofTarget, opId, type ActionContext, type Join } from '../../../server/kit'
import type { WishDetail } from '../../../domain/api/wishes'
import { DomainError } from '../../../domain/errors'
import type { UserRecord } from '../../../domain/users'
import { planChange, wishCallerOf, wishSettingsOf, type VerbInput, type WishPlan, type WishRecord, type WishVerb } from '../../../domain/wishes'
import { bookHours } from './hours'
import { sendNotices } from './notify'
import { toDetail, viewerOf } from './views'

/** The wish's community (its `wishSettings`: release days, hours per wish), followed from the wish in the same aggregation. */
const COMMUNITY: Join = { from: 'org_nodes', localField: ofTarget('communityId'), foreignField: '_id' }

/** Plans, writes conditionally and answers the wish as the caller now sees it. */
export async function changeWish(
  ctx: ActionContext,
  id: string,
  action: WishVerb | 'edit',
  input: VerbInput,
  /** A check outside the database once every domain check passed (on the wish and caller read); it may refuse, never edit the plan. */
  beforeWrite?: (wish: WishRecord, caller: UserRecord) => Promise<void>,
): Promise<WishDetail> {
  const op = opId()
  const { plan, read, after } = await changeState<WishRecord, 'community', WishPlan>(ctx, {
    collection: 'wishes',
    id,
    joins: { community: COMMUNITY },
    plan: ({ caller, live, target, found }) =>
      planChange(target, action, caller && wishCallerOf(caller, live), input, { now: ctx.now, settings: wishSettingsOf(found.community[0]), op }),
    // A plan was made, so both were read.
    beforeWrite: beforeWrite && ((r) => beforeWrite(r.target as WishRecord, r.caller as UserRecord)),
    changed: 'WISH.CHANGED',
  })
  const wish = read.target as WishRecord
  // 3rd round trip of a member's confirmation; a call dying before it is repaired by the timer.
  if (action === 'confirm') await bookHours(ctx.db, after, wishSettingsOf(read.found.community[0]), ctx.now)
  if (action !== 'edit') await sendNotices(wish, action, plan.notify, plan.entry.reason)
  return toDetail(after, viewerOf(read.caller, read.live))
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
