import Taro from '@tarojs/taro'
import { toApiError } from '@/services/ApiError'

/** A destructive step asks first, in words an older admin reads at a glance. */
export async function confirmAction(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#c8161d' })
  return !!answer.confirm
}

/** The Chinese message to show for a failed call: the field's own message for bad input. */
export function messageOf(e: unknown): string {
  const err = toApiError(e)
  const issue = err.code === 'REQUEST.INVALID' && Array.isArray(err.details) ? (err.details[0] as { message?: string })?.message : undefined
  return issue ?? err.message
}

export function toastError(e: unknown): string {
  const message = messageOf(e)
  void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
  return message
}
