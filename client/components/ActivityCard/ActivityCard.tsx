import { Text, View } from '@tarojs/components'
import type { ActivityRow } from '@domain/api/activities'
import { formatChinaTime } from '@/utils/time'
import './ActivityCard.scss'

/** `2026-11-22 09:00–11:00`, or both dates in full when it runs past midnight (China time). */
export function activityTime(startAt: string, endAt: string): string {
  const sameDay = formatChinaTime(startAt, 'YYYY-MM-DD') === formatChinaTime(endAt, 'YYYY-MM-DD')
  return `${formatChinaTime(startAt)}–${formatChinaTime(endAt, sameDay ? 'HH:mm' : 'YYYY-MM-DD HH:mm')}`
}

/** The caller's place, in words: a seat or the waiting list (the detail page adds the position). */
export const MINE_LABELS = { seated: '已报名', waiting: '候补' } as const

/** `已报名 2/3`: seats taken of the capacity. */
export const seatsText = (a: Pick<ActivityRow, 'seatCount' | 'capacity'>) => `已报名 ${a.seatCount}/${a.capacity}`

export interface ActivityCardProps {
  activity: ActivityRow
  onOpen: (id: string) => void
}

/** One activity in a list, in large type: what, who organises it, where, when, its state and seats. */
export function ActivityCard({ activity: a, onOpen }: ActivityCardProps) {
  return (
    <View
      className={`activity-card${a.mine ? ' activity-card--mine' : ''}`}
      hoverClass='activity-card--pressed'
      data-testid='activity-card'
      data-id={a.id}
      data-state={a.state}
      data-mine={a.mine ?? ''}
      onClick={() => onOpen(a.id)}
    >
      <View className='activity-card__row'>
        <Text className='activity-card__theme'>{a.themeTitle ? `主题：${a.themeTitle}` : '社区活动'}</Text>
        <Text className='activity-card__state' data-testid='activity-card-state'>
          {a.stateLabel}
        </Text>
      </View>
      <Text className='activity-card__title' data-testid='activity-card-title'>
        {a.title}
      </Text>
      <Text className='activity-card__meta'>
        {a.organiserName} · {a.placeName}
      </Text>
      <Text className='activity-card__meta'>{activityTime(a.startAt, a.endAt)}</Text>
      <View className='activity-card__row activity-card__row--foot'>
        <Text className='activity-card__seats' data-testid='activity-card-seats'>
          {seatsText(a)}
          {a.waitCount > 0 ? ` · 候补 ${a.waitCount} 人` : ''}
        </Text>
        {a.mine && (
          <Text className='activity-card__mine' data-testid='activity-card-mine'>
            {MINE_LABELS[a.mine]}
          </Text>
        )}
      </View>
    </View>
  )
}

export interface ActivityListProps {
  items: readonly ActivityRow[]
  onOpen: (id: string) => void
  empty: string
  testId: string
}

export function ActivityList({ items, onOpen, empty, testId }: ActivityListProps) {
  return (
    <View className='activity-list' data-testid={testId}>
      {items.length === 0 ? (
        <Text className='activity-list__empty' data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        items.map((a) => <ActivityCard key={a.id} activity={a} onOpen={onOpen} />)
      )}
    </View>
  )
}
