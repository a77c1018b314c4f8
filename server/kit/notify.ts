/**
 * One subscribe message (`cloud.openapi.subscribeMessage.send`), for every area. Sent after the
 * write succeeded; it never makes the action fail: a person who did not subscribe (43101), a
 * used-up quota or a platform hiccup is logged and the change stands (the person still finds it
 * in their lists). Template ids come from domain/notifications.ts, shared with the client's
 * subscription requests.
 */
import { cloud } from './cloud'

export interface SubscribeMessage {
  touser: string | null | undefined
  templateId: string
  /** The mini-program page the message opens. */
  page: string
  data: Record<string, { value: string }>
}

/** WeChat counts characters; a `thing` value holds at most 20, a `phrase` 5. */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** Answers whether the platform accepted the message. */
export async function sendSubscribeMessage(message: SubscribeMessage, tag: string): Promise<boolean> {
  if (!message.touser) return false
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: message.touser,
      templateId: message.templateId,
      page: message.page,
      data: message.data,
      miniprogramState: process.env.LIANXIN_MP_STATE ?? 'developer',
    } as never)
    return true
  } catch (e) {
    console.warn(`[${tag}] to ${message.touser} not sent:`, (e as { errCode?: number })?.errCode ?? '', (e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? e)
    return false
  }
}
