import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@domain/api/orders'
import { formatChinaTime } from '@/utils/time'
import './OrderTimeline.scss'

/** The order's timeline: every step with who, when, what and why, oldest first. */
export function OrderTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <View className='order-timeline' data-testid='order-timeline'>
      <Text className='order-timeline__title'>办理经过</Text>
      {entries.map((e, i) => (
        <View key={i} className={`order-timeline__step${e.verb === 'escalate' ? ' order-timeline__step--alert' : ''}`} data-testid='order-step' data-verb={e.verb} data-to={e.to}>
          <Text className='order-timeline__label' data-testid='order-step-label'>
            {e.label}
          </Text>
          {/* describeEntry often says no more than the label (点单, 开始服务): then once is enough. */}
          {e.text !== e.label && (
            <Text className='order-timeline__text' data-testid='order-step-text'>
              {e.text}
            </Text>
          )}
          {e.reason && !e.text.includes(e.reason) && (
            <Text className='order-timeline__reason' data-testid='order-step-reason'>
              原因：{e.reason}
            </Text>
          )}
          <Text className='order-timeline__meta' data-testid='order-step-meta'>
            {e.byName} · {formatChinaTime(e.at)}
          </Text>
        </View>
      ))}
    </View>
  )
}
