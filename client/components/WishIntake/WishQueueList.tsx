import { Text, View } from '@tarojs/components'
import type { IntakeResult } from '@domain/wishes'
import type { DeviceSubmission } from '@/services/offlineQueue'
import './WishIntakeForm.scss'

export interface SentItem {
  key: string
  title: string
}

/**
 * What this phone has submitted: 待发送 N 条 at the top, then each submission of this session
 * (待发送, 已提交 with a link to the wish, 需修改 with the reason and 删除).
 */
export function WishQueueList({ items, sent, results, onOpen, onDiscard, onRetry }: {
  items: readonly DeviceSubmission[]
  sent: readonly SentItem[]
  results: ReadonlyMap<string, IntakeResult>
  onOpen: (id: string) => void
  onDiscard: (key: string) => void
  onRetry: () => void
}) {
  const waiting = items.filter((i) => i.status === 'waiting').length
  const failed = items.filter((i) => i.status === 'failed')
  const rows: Array<{ key: string; title: string; status: 'waiting' | 'failed' | 'sent'; message?: string; id?: string }> = []
  for (const i of items) rows.push({ key: i.key, title: i.intake.title, status: i.status, message: i.error?.message })
  for (const s of sent) {
    const r = results.get(s.key)
    if (r && !items.some((i) => i.key === s.key)) rows.push({ key: s.key, title: s.title, status: 'sent', id: r.id })
  }
  if (rows.length === 0) return null
  return (
    <View className='wish-queue' data-testid='intake-queue'>
      <View className='wish-queue__head'>
        <Text className='wish-queue__count' data-testid='intake-waiting' data-count={waiting}>
          待发送 {waiting} 条
        </Text>
        {failed.length > 0 && (
          <Text className='wish-queue__count wish-queue__count--failed' data-testid='intake-failed' data-count={failed.length}>
            需修改 {failed.length} 条
          </Text>
        )}
        {waiting > 0 && (
          <View className='wish-queue__retry' data-testid='intake-retry' onClick={onRetry}>
            立即重试
          </View>
        )}
      </View>
      {rows.map((r) => (
        <View key={r.key} className={`wish-queue__item wish-queue__item--${r.status}`} data-testid='intake-item' data-key={r.key} data-status={r.status} onClick={() => r.id && onOpen(r.id)}>
          <Text className='wish-queue__title'>{r.title}</Text>
          <Text className='wish-queue__status' data-testid='intake-item-status'>
            {r.status === 'waiting' ? '待发送（有网络时自动发送）' : r.status === 'sent' ? '已提交，等待社区审核 ›' : `需修改：${r.message ?? ''}`}
          </Text>
          {r.status === 'failed' && (
            <View className='wish-queue__discard' data-testid='intake-discard' onClick={() => onDiscard(r.key)}>
              删除这条
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
