/**
 * Subscription messages of activities (domain/notifications.ts ACTIVITY_TEMPLATE_NAMES), sent after
 * the write landed; a message that cannot go never undoes the change (server/kit notify.ts).
 */
import { cutText, getDocs, sendSubscribeMessage, type Database } from '../../../server/kit'
import { activityTemplateIds, type ActivityTemplate } from '../../../domain/notifications'
import type { ActivityRecord } from '../../../domain/activities'
import { formatChinaTime } from './time'

const PAGE = 'packages/activities/pages/detail/index'

export interface NotifyExtra {
  outcome?: 'seat' | 'waitlist' | 'promoted'
  reason?: string
  hours?: ReadonlyMap<string, number>
}

const OUTCOME_TEXT = { seat: '报名成功', waitlist: '已进入候补', promoted: '候补转正，已有名额' } as const

function dataOf(template: ActivityTemplate, a: ActivityRecord, userId: string, extra: NotifyExtra): Record<string, { value: string }> {
  const base = { thing1: { value: cutText(a.title, 20) }, time2: { value: formatChinaTime(a.startAt) } }
  switch (template) {
    case 'activitySignup':
      return { ...base, phrase3: { value: OUTCOME_TEXT[extra.outcome ?? 'seat'].slice(0, 5) }, thing4: { value: cutText(a.address, 20) } }
    case 'activityReminder':
      return { ...base, thing4: { value: cutText(a.address, 20) } }
    case 'activityBooked':
      return { ...base, number3: { value: String(extra.hours?.get(userId) ?? 0) } }
    case 'activityCancelled':
      return { ...base, thing3: { value: cutText(extra.reason || '组织者取消了活动', 20) } }
  }
}

/**
 * One message per person. `openids`: what the caller already has (the signer-up, the attendance
 * records); anyone else's is read in one query.
 */
export async function notifyActivity(
  db: Database,
  template: ActivityTemplate,
  a: ActivityRecord,
  userIds: readonly string[],
  extra: NotifyExtra = {},
  openids: ReadonlyMap<string, string | null | undefined> = new Map(),
): Promise<number> {
  if (userIds.length === 0) return 0
  const known = new Map(openids)
  const missing = userIds.filter((u) => !known.get(u))
  if (missing.length > 0) {
    const _ = db.command
    const users = await getDocs<{ _id: string; openid?: string }>(db.collection('users').where({ _id: _.in(missing) }).field({ _id: true, openid: true }).limit(missing.length))
    for (const u of users) known.set(u._id, u.openid)
  }
  const ids = activityTemplateIds(process.env)
  const sent = await Promise.all(
    userIds.map((u) =>
      sendSubscribeMessage({ touser: known.get(u), templateId: ids[template], page: `${PAGE}?id=${a._id}`, data: dataOf(template, a, u, extra) }, `activities.${template}`),
    ),
  )
  return sent.filter(Boolean).length
}
