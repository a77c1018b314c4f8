import { Text, View } from '@tarojs/components'
import type { VisitView } from '@domain/api/households'
import { formatChinaTime } from '@/utils/time'

/**
 * One visit record: when, by whom, what was seen, and each need with its one-tap follow-up
 * (转为心愿 / 转为点单) until it has become a wish or an order.
 */
export function VisitCard({ visit, showDoor, onFollowUp }: { visit: VisitView; showDoor?: boolean; onFollowUp?: (kind: 'wish' | 'order', index: number) => void }) {
  return (
    <View className='grid-page__visit' data-testid='visit-card' data-id={visit.id}>
      <Text>
        {showDoor ? `${visit.buildingName} ${visit.door} · ` : ''}
        {formatChinaTime(visit.visitedAt)}
      </Text>
      <Text className='grid-page__meta'>走访人：{visit.byName}</Text>
      <Text className='grid-page__meta' data-testid='visit-card-seen'>
        {visit.seen}
      </Text>
      {visit.needs.map((n, i) => (
        <View key={i} className='grid-page__need' data-testid='visit-card-need' data-follow-up={n.followUp ? `${n.followUp.kind}:${n.followUp.id}` : ''}>
          <Text>
            【{n.kindLabel}】{n.text}
          </Text>
          {n.followUp ? (
            <Text className='grid-page__meta'>　已转为{n.followUp.kind === 'wish' ? '心愿' : '点单'}</Text>
          ) : onFollowUp && n.kind !== 'other' ? (
            <View className='grid-page__link' data-testid='visit-follow-up' data-kind={n.kind} onClick={() => onFollowUp(n.kind === 'wish' ? 'wish' : 'order', i)}>
              {n.kind === 'wish' ? '转为心愿 ›' : '转为点单 ›'}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
