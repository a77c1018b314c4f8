import { Text, View } from '@tarojs/components'
import type { ReviewItem } from '@domain/api/wishes'
import { formatChinaTime } from '@/utils/time'
import './WishDetail.scss'

/** A wish waiting in the community's review queue: staff see the full name and building. */
export function ReviewRow({ item, onOpen }: { item: ReviewItem; onOpen: (id: string) => void }) {
  return (
    <View className='review-row' hoverClass='review-row--pressed' data-testid='review-item' data-id={item.id} data-state={item.state} onClick={() => onOpen(item.id)}>
      <View className='review-row__top'>
        <Text className='review-row__title' data-testid='review-item-title'>{item.title}</Text>
        <Text className='review-row__state'>{item.stateLabel}</Text>
      </View>
      <Text className='review-row__meta'>
        {item.beneficiaryName}（{item.category}） · {item.buildingName}
      </Text>
      <Text className='review-row__meta'>
        {item.authorName} 录入 · {formatChinaTime(item.createdAt)}
        {item.hasVisit ? ' · 已走访' : ''}
      </Text>
      <Text className='review-row__open'>查看并审核 ›</Text>
    </View>
  )
}
