import { Text, View } from '@tarojs/components'
import type { ProblemDetail } from '@domain/api/problems'
import { formatChinaTime } from '@/utils/time'
import './ProblemTimeline.scss'

const ALERTS = new Set(['escalate', 'reopen', 'dismiss'])

/** The problem's history: every step with who, when and why, oldest first. */
export function ProblemTimeline({ items }: { items: ProblemDetail['timeline'] }) {
  if (items.length === 0) return null
  return (
    <View className='problem-timeline' data-testid='problem-timeline'>
      <Text className='problem-timeline__title'>处理经过</Text>
      {items.map((e, i) => (
        <View key={i} className={`problem-timeline__step${ALERTS.has(e.verb) ? ' problem-timeline__step--alert' : ''}`} data-testid='problem-step' data-verb={e.verb}>
          <Text className='problem-timeline__label' data-testid='problem-step-label'>
            {e.label}
          </Text>
          {e.reason && (
            <Text className='problem-timeline__reason' data-testid='problem-step-reason'>
              {e.verb === 'assign' || e.verb === 'escalate' ? e.reason : `原因：${e.reason}`}
            </Text>
          )}
          <Text className='problem-timeline__meta' data-testid='problem-step-meta'>
            {e.byName} · {formatChinaTime(e.at)}
          </Text>
        </View>
      ))}
    </View>
  )
}
