import Taro from '@tarojs/taro'
import { messageOf } from '@/services/ApiError'

/** A destructive step asks first, in words an older admin reads at a glance. */
export async function confirmAction(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#c8161d' })
  return !!answer.confirm
}

export function toastError(e: unknown): string {
  const message = messageOf(e)
  void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
  return message
}
