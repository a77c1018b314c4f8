/**
 * `proposalAnswered` (domain/notifications.ts) to the proposer, after the answer landed; a message
 * that cannot go never undoes the answer (server/kit notify.ts).
 */
import { cutText, getDocs, sendSubscribeMessage, type Database } from '../../../server/kit'
import { gridTemplateIds } from '../../../domain/notifications'
import type { ProposalRecord } from '../../../domain/proposals'
import { chinaWallClock } from '../../../domain/time'

const PAGE = 'packages/grid/pages/proposal/index'

function formatChinaTime(at: Date): string {
  const t = chinaWallClock(new Date(at))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}

export async function notifyAnswered(db: Database, p: ProposalRecord): Promise<boolean> {
  const [user] = await getDocs<{ _id: string; openid?: string }>(db.collection('users').where({ _id: p.proposerId }).field({ _id: true, openid: true }).limit(1))
  if (!user?.openid || !p.answer) return false
  return sendSubscribeMessage(
    {
      touser: user.openid,
      templateId: gridTemplateIds(process.env).proposalAnswered,
      page: `${PAGE}?id=${p._id}`,
      data: {
        thing1: { value: cutText(p.title, 20) },
        phrase2: { value: p.state === 'adopted' ? '已采纳' : '未采纳' },
        thing3: { value: cutText(p.answer.reason, 20) },
        time4: { value: formatChinaTime(p.answer.at) },
      },
    },
    'proposals.proposalAnswered',
  )
}
