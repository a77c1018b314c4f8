/**
 * Subscription messages after a wish changed, through the kit's one sender (server/kit/notify.ts):
 * sent after the write succeeded, never making the action fail (a person who did not subscribe,
 * 43101, is logged and the change stands).
 */
import { cutText, sendSubscribeMessage } from '../../../server/kit'
import { wishTemplateIds } from '../../../domain/notifications'
import { redactText } from '../../../domain/privacy'
import { WISH_CODE_PAGE } from '../../../domain/api/wishes'
import { beneficiaryFacts, WISH_STATE_LABELS, type WishHistoryVerb, type WishRecord } from '../../../domain/wishes'

/**
 * Template ids, from the mini-program's 订阅消息 console in production (set them in the function's
 * environment variables; the names and defaults are in domain/notifications.ts, shared with the
 * client's subscription requests); the local emulator accepts any id and records the message in its outbox.
 * Each template has the same three keys: thing1 (the wish), phrase2 (what happened), thing3 (a note).
 */
export const WISH_TEMPLATES = wishTemplateIds(process.env)

type Template = keyof typeof WISH_TEMPLATES

const TEMPLATE_OF: Partial<Record<WishHistoryVerb, Template>> = {
  publish: 'published',
  reject: 'rejected',
  light: 'lit',
  giveUp: 'released',
  revokeClaim: 'released',
  autoRelease: 'released',
  deliver: 'delivered',
  confirm: 'confirmed',
  // The outcome of a delivery, either way: the claimer accepted this template when delivering
  // (SUBSCRIBE_MOMENTS.deliver), so a dispute reaches them on the same one-time acceptance.
  disputeDelivery: 'confirmed',
  rate: 'confirmed',
}

/** What each verb tells in phrase2 (at most 5 characters). */
const PHRASE: Partial<Record<WishHistoryVerb, string>> = {
  publish: '已发布',
  reject: '已退回',
  light: '已被点亮',
  giveUp: '认领已放弃',
  revokeClaim: '认领已撤销',
  autoRelease: '超时已释放',
  deliver: '已送达',
  confirm: '已确认收到',
  disputeDelivery: '未收到',
  rate: '已评价',
}

/** The openid of each party the wish knows, so sending needs no read of `users`. */
function openidsOf(wish: WishRecord): Map<string, string> {
  const map = new Map<string, string>()
  const add = (userId: string | undefined, openid: string | undefined) => {
    if (userId && openid) map.set(userId, openid)
  }
  add(wish.author.userId, wish.author.openid)
  add(wish.contact.userId, wish.contact.openid)
  add(wish.beneficiary.userId, wish.beneficiary.openid)
  add(wish.claim?.userId, wish.claim?.openid)
  return map
}

/**
 * Sends one message per recipient (user ids from the domain's plan, `notify`), looked up among
 * the parties of the wish as it was before the change (so a released claimer is still known).
 * Answers how many were accepted.
 */
export async function sendNotices(wish: WishRecord, verb: WishHistoryVerb, userIds: readonly string[], note?: string): Promise<number> {
  const template = TEMPLATE_OF[verb]
  if (!template || userIds.length === 0) return 0
  const openids = openidsOf(wish)
  const title = cutText(redactText(wish.title, beneficiaryFacts(wish.beneficiary)), 20)
  const phrase = PHRASE[verb] ?? WISH_STATE_LABELS[wish.state]
  const sent = await Promise.all(
    userIds.map((userId) =>
      sendSubscribeMessage(
        {
          touser: openids.get(userId),
          templateId: WISH_TEMPLATES[template],
          page: `${WISH_CODE_PAGE}?id=${encodeURIComponent(wish._id)}`,
          data: { thing1: { value: title }, phrase2: { value: cutText(phrase, 5) }, thing3: { value: cutText(note || '点击查看心愿详情', 20) } },
        },
        `wishes.notify ${verb} → ${userId}`,
      ),
    ),
  )
  return sent.filter(Boolean).length
}
