import { Text, View } from '@tarojs/components'
import type { ProposalRow } from '@domain/api/proposals'
import { formatChinaTime } from '@/utils/time'
import './ProposalCard.scss'

/** One proposal in a list: its state in words (never colour alone), supports, and late when past its answer time. */
export function ProposalCard({ item, onOpen }: { item: ProposalRow; onOpen: (id: string) => void }) {
  return (
    <View className='proposal-card' hoverClass='proposal-card--pressed' role='button' data-testid='proposal-card' data-id={item.id} data-state={item.state} onClick={() => onOpen(item.id)}>
      <View className='proposal-card__head'>
        <Text className={`proposal-card__state proposal-card__state--${item.state}`} data-testid='proposal-state'>
          {item.stateLabel}
        </Text>
        {item.late && (
          <Text className='proposal-card__late' data-testid='proposal-late'>
            已超期
          </Text>
        )}
      </View>
      <Text className='proposal-card__title' data-testid='proposal-title'>
        {item.title}
      </Text>
      <Text className='proposal-card__meta'>
        {item.mine ? '我的提案' : item.proposerName} · {formatChinaTime(item.createdAt, 'YYYY-MM-DD')}
      </Text>
      <Text className='proposal-card__meta' data-testid='proposal-support-count'>
        {`${item.supportCount}人支持${item.supported ? '（含我）' : ''}`}
      </Text>
    </View>
  )
}

export function ProposalList({ items, onOpen, empty }: { items: readonly ProposalRow[]; onOpen: (id: string) => void; empty: string }) {
  if (items.length === 0)
    return (
      <Text className='proposal-card__empty' data-testid='proposals-empty'>
        {empty}
      </Text>
    )
  return (
    <View data-testid='proposals-list'>
      {items.map((p) => (
        <ProposalCard key={p.id} item={p} onOpen={onOpen} />
      ))}
    </View>
  )
}
