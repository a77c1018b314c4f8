import { Text, View } from '@tarojs/components'
import type { TimelineItem } from '@domain/api/activities'
import { formatChinaTime } from '@/utils/time'
import './ActivityTimeline.scss'

/** The activity's history: every step with who, when and why, oldest first. */
export function ActivityTimeline({ items }: { items: readonly TimelineItem[] }) {
  if (items.length === 0) return null
  return (
    <View className='activity-timeline' data-testid='activity-timeline'>
      <Text className='activity-timeline__title'>活动经过</Text>
      {items.map((e, i) => (
        <View key={i} className={`activity-timeline__step${e.verb === 'cancel' ? ' activity-timeline__step--alert' : ''}`} data-testid='activity-step' data-verb={e.verb}>
          <Text className='activity-timeline__label' data-testid='activity-step-label'>
            {e.label}
          </Text>
          {e.reason && (
            <Text className='activity-timeline__reason' data-testid='activity-step-reason'>
              原因：{e.reason}
            </Text>
          )}
          <Text className='activity-timeline__meta' data-testid='activity-step-meta'>
            {e.byName} · {formatChinaTime(e.at)}
          </Text>
        </View>
      ))}
    </View>
  )
}
