import { Text, View } from '@tarojs/components'
import type { WallCounts } from '@domain/wishes'
import type { WishCard as WishCardData } from '@domain/api/wishes'
import './WishCard.scss'

/** One wish on the wall: title, the masked beneficiary, the community, value and progress. Tapping opens it. */
export function WishCard({ wish, onOpen }: { wish: WishCardData; onOpen: (id: string) => void }) {
  return (
    <View className='wish-card' hoverClass='wish-card--pressed' data-testid='wish-card' data-id={wish.id} data-state={wish.state} onClick={() => onOpen(wish.id)}>
      <View className='wish-card__top'>
        <Text className='wish-card__category' data-testid='wish-card-category'>{wish.category}</Text>
        <Text className={`wish-card__progress wish-card__progress--${wish.progress === '待点亮' ? 'open' : 'going'}`} data-testid='wish-card-progress'>
          {wish.progress}
        </Text>
      </View>
      <Text className='wish-card__title' data-testid='wish-card-title'>{wish.title}</Text>
      <Text className='wish-card__meta'>
        {wish.beneficiary} · 约{wish.estimatedValue}元
      </Text>
    </View>
  )
}

/** 已审核 N · 已点亮 M · 已完成 K, in three big numbers. */
export function WallCountsBar({ counts }: { counts: WallCounts }) {
  const cells: Array<[keyof WallCounts, string]> = [
    ['reviewed', '已审核'],
    ['lit', '已点亮'],
    ['done', '已完成'],
  ]
  return (
    <View className='wall-counts' data-testid='wall-counts' data-reviewed={counts.reviewed} data-lit={counts.lit} data-done={counts.done}>
      {cells.map(([key, label]) => (
        <View key={key} className='wall-counts__cell' data-testid={`wall-count-${key}`}>
          <Text className='wall-counts__n'>{counts[key]}</Text>
          <Text className='wall-counts__label'>{label}</Text>
        </View>
      ))}
    </View>
  )
}

/** A row of big choice chips (category, state). */
export function Chips<T extends string>({ options, value, onChange, testId }: { options: ReadonlyArray<{ id: T; label: string }>; value: T; onChange: (v: T) => void; testId: string }) {
  return (
    <View className='wish-chips' data-testid={testId}>
      {options.map((o) => (
        <View
          key={o.id}
          className={`wish-chips__chip${o.id === value ? ' wish-chips__chip--on' : ''}`}
          data-testid='wish-chip'
          data-value={o.id}
          data-selected={o.id === value ? 'true' : 'false'}
          onClick={() => onChange(o.id)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
