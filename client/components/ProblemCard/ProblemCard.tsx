import { Text, View } from '@tarojs/components'
import type { ProblemRow } from '@domain/api/problems'
import { formatChinaTime } from '@/utils/time'
import './ProblemCard.scss'

/** One problem in a list, in large type: what, where, its state in words, whose it is, when it is due. */
export function ProblemCard({ problem: p, onOpen }: { problem: ProblemRow; onOpen: (id: string) => void }) {
  return (
    <View className={`problem-card${p.overdue ? ' problem-card--late' : ''}`} hoverClass='problem-card--pressed' role='button' data-testid='problem-card' data-id={p.id} data-state={p.state} onClick={() => onOpen(p.id)}>
      <View className='problem-card__row'>
        <Text className='problem-card__category'>{p.category}</Text>
        <Text className='problem-card__state' data-testid='problem-card-state'>
          {p.stateLabel}
        </Text>
      </View>
      <Text className='problem-card__text' data-testid='problem-card-text'>
        {p.description}
      </Text>
      <Text className='problem-card__meta'>
        {p.placeName} · {p.reporterName} · {formatChinaTime(p.createdAt)}
      </Text>
      {p.assigneeName && (
        <Text className='problem-card__meta'>
          负责：{p.assigneeName}
          {p.dueAt ? ` · 期限 ${formatChinaTime(p.dueAt, 'YYYY-MM-DD')}` : ''}
        </Text>
      )}
      {p.overdue && (
        <Text className='problem-card__late' data-testid='problem-card-late'>
          已超时，{p.overdue.levelLabel}督办中
        </Text>
      )}
    </View>
  )
}

export function ProblemList({ items, onOpen, empty }: { items: readonly ProblemRow[]; onOpen: (id: string) => void; empty: string }) {
  return (
    <View className='problem-list' data-testid='problems-list'>
      {items.length === 0 ? (
        <Text className='problem-list__empty' data-testid='problems-empty'>
          {empty}
        </Text>
      ) : (
        items.map((p) => <ProblemCard key={p.id} problem={p} onOpen={onOpen} />)
      )}
    </View>
  )
}
