import { Text, View } from '@tarojs/components'
import type { VisitCard } from '@/hooks/useHouseholds'

/** 待发送 N 条 / 需修改 M 条 of the visit queue, with 立即重试 and the reason of each refused record. */
export function VisitQueueState({ items, onRetry, onDiscard }: { items: readonly VisitCard[]; onRetry: () => void; onDiscard: (key: string) => void }) {
  const waiting = items.filter((i) => i.status === 'waiting').length
  const failed = items.filter((i) => i.status === 'failed')
  return (
    <View className='visit-form__queue' data-testid='visit-queue'>
      <Text className='visit-form__label' data-testid='visit-waiting' data-count={String(waiting)}>
        {waiting > 0 ? `待发送 ${waiting} 条（有网络时自动发送）` : '走访记录都已发送'}
      </Text>
      {waiting > 0 && (
        <View className='visit-form__add' data-testid='visit-retry' onClick={onRetry}>
          立即重试
        </View>
      )}
      {failed.map((f) => (
        <View key={f.key} className='visit-form__need' data-testid='visit-failed' data-key={f.key}>
          <Text className='visit-form__error'>需修改：{f.error?.message ?? ''}</Text>
          <View className='visit-form__remove' onClick={() => onDiscard(f.key)}>
            删除这条
          </View>
        </View>
      ))}
    </View>
  )
}
