/**
 * Subscription messages of orders, through the kit's one sender (server/kit/notify.ts): sent after
 * the write succeeded, never making the action fail (someone who did not subscribe, 43101, is
 * logged and the change stands; they still find the order in their lists). The mini-program asks
 * for these templates when the person acts (domain/notifications.ts SUBSCRIBE_MOMENTS).
 */
import { cutText, sendSubscribeMessage } from '../../../server/kit'
import { orderTemplateIds, type OrderTemplate } from '../../../domain/notifications'

/** The ids in force (LIANXIN_TPL_ORDER_* in the function's environment, else the local defaults). */
export const ORDER_TEMPLATES = orderTemplateIds(process.env)

export interface Notice {
  touser: string | null | undefined
  template: OrderTemplate
  /** The order the message opens ('' for a summary of several). */
  orderId: string
  title: string
  status: string
}

/** One message: thing1 (≤ 20 characters) says what, phrase2 (≤ 5) the state. */
export function notify(n: Notice): Promise<boolean> {
  return sendSubscribeMessage(
    {
      touser: n.touser,
      templateId: ORDER_TEMPLATES[n.template],
      page: `packages/orders/pages/detail/index?id=${n.orderId}`,
      data: { thing1: { value: cutText(n.title, 20) || '—' }, phrase2: { value: Array.from(n.status).slice(0, 5).join('') } },
    },
    `orders.notify ${n.template}`,
  )
}
