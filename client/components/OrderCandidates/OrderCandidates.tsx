import { Text, View } from '@tarojs/components'
import type { CandidateView } from '@domain/api/orders'
import './OrderCandidates.scss'

export interface OrderCandidatesProps {
  candidates: readonly CandidateView[]
  onDispatch: (candidate: CandidateView) => void
  busy?: boolean
}

/** The recommendation sheet (派单推荐): members best first, each with the reasons it ranks there. */
export function OrderCandidates({ candidates, onDispatch, busy }: OrderCandidatesProps) {
  if (candidates.length === 0)
    return (
      <Text className='order-candidates__empty' data-testid='order-candidates-empty'>
        本社区暂无可派单的已报到党员，可以稍后再试。
      </Text>
    )
  return (
    <View className='order-candidates' data-testid='order-candidates'>
      {candidates.map((c, i) => (
        <View key={c.id} className={`order-candidates__item${i === 0 ? ' order-candidates__item--top' : ''}`} data-testid='order-candidate' data-id={c.id} data-rank={i + 1}>
          <View className='order-candidates__row'>
            <Text className='order-candidates__name' data-testid='order-candidate-name'>
              {i === 0 ? `推荐 ${c.name}` : c.name}
            </Text>
            <Text className='order-candidates__score'>{Math.round(c.score)}分</Text>
          </View>
          <View className='order-candidates__reasons'>
            {c.reasons.map((r) => (
              <Text key={r} className='order-candidates__reason' data-testid='order-candidate-reason'>
                {r}
              </Text>
            ))}
          </View>
          <View
            className={`order-candidates__button${busy ? ' order-candidates__button--busy' : ''}`}
            hoverClass='order-candidates__button--pressed'
            data-testid='order-candidate-dispatch'
            onClick={() => {
              if (!busy) onDispatch(c)
            }}
          >
            派单给{c.name}
          </View>
        </View>
      ))}
    </View>
  )
}
