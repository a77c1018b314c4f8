/**
 * Subscription messages of patrol problems (domain/notifications.ts GRID_TEMPLATE_NAMES), sent
 * after the write landed; a message that cannot go never undoes the change (server/kit notify.ts).
 */
import { cutText, getDocs, sendSubscribeMessage, type Database } from '../../../server/kit'
import { gridTemplateIds } from '../../../domain/notifications'
import { PROBLEM_STATE_LABELS, type ProblemAssignee, type ProblemRecord } from '../../../domain/problems'
import type { RoleKind } from '../../../domain/roles'
import { DETAIL_PAGE } from './common'

type ProblemTemplate = 'problemAssigned' | 'problemSolved' | 'problemOverdue'

/** thing1 (≤ 20 characters) says what, phrase2 (≤ 5) the state. */
function send(touser: string | null | undefined, template: ProblemTemplate, problemId: string, title: string, status: string): Promise<boolean> {
  return sendSubscribeMessage(
    {
      touser,
      templateId: gridTemplateIds(process.env)[template],
      page: problemId ? `${DETAIL_PAGE}?id=${problemId}` : 'packages/grid/pages/problems/index',
      data: { thing1: { value: cutText(title, 20) || '—' }, phrase2: { value: Array.from(status).slice(0, 5).join('') } },
    },
    `problems.${template}`,
  )
}

/** The openids of the users holding `kind` on one of `scopeIds` (one query on the role_scope_kind index). */
export async function adminsOf(db: Database, kinds: readonly RoleKind[], scopeIds: readonly string[]): Promise<{ openid?: string; roles?: { kind: RoleKind; scopeId?: string }[] }[]> {
  if (scopeIds.length === 0) return []
  const _ = db.command
  return getDocs(
    db
      .collection('users')
      .where({ roles: _.elemMatch({ scopeId: _.in([...new Set(scopeIds)]), kind: _.in([...kinds]) }) })
      .field({ openid: true, roles: true })
      .limit(200),
  )
}

/** To whom it was assigned: the member, the unit's admins, or the community's admins. */
export async function notifyAssigned(db: Database, p: ProblemRecord, a: ProblemAssignee): Promise<number> {
  let openids: (string | undefined)[]
  if (a.kind === 'member') {
    const users = await getDocs<{ openid?: string }>(db.collection('users').where({ _id: a.id }).field({ openid: true }).limit(1))
    openids = users.map((u) => u.openid)
  } else {
    openids = (await adminsOf(db, [a.kind === 'unit' ? 'unit_admin' : 'community_admin'], [a.id])).map((u) => u.openid)
  }
  const sent = await Promise.all(openids.map((o) => send(o, 'problemAssigned', p._id, `${p.category}：${p.description}`, '待处理')))
  return sent.filter(Boolean).length
}

/** The reporter, to confirm. */
export async function notifySolved(db: Database, p: ProblemRecord): Promise<boolean> {
  const users = await getDocs<{ openid?: string }>(db.collection('users').where({ _id: p.reporterId }).field({ openid: true }).limit(1))
  return send(users[0]?.openid, 'problemSolved', p._id, `${p.category}：${p.description}`, PROBLEM_STATE_LABELS.solved)
}

/** One message per admin told, with how many problems: a sweep never floods a phone. */
export async function notifyOverdue(db: Database, told: { kind: RoleKind; orgId: string; count: number }[]): Promise<number> {
  if (told.length === 0) return 0
  const admins = await adminsOf(
    db,
    [...new Set(told.map((t) => t.kind))],
    told.map((t) => t.orgId),
  )
  let sent = 0
  for (const t of told) {
    for (const a of admins) {
      if (!(a.roles ?? []).some((g) => g.kind === t.kind && g.scopeId === t.orgId)) continue
      if (await send(a.openid, 'problemOverdue', '', `${t.count}个步巡问题超时，请督办`, '超时督办')) sent++
    }
  }
  return sent
}
