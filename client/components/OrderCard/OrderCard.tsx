import { Text, View } from '@tarojs/components'
import type { OrderRow } from '@domain/api/orders'
import { formatChinaTime } from '@/utils/time'
import './OrderCard.scss'

export interface OrderCardProps {
  order: OrderRow
  onOpen: (id: string) => void
  /** Whose name to show: the resident's (admins, members) or the helper's (the resident's own list). */
  show?: 'resident' | 'assignee'
}

/** One order in a list: what, for whom, its state, and 超时 when it is late, in large type. */
export function OrderCard({ order, onOpen, show = 'resident' }: OrderCardProps) {
  const who = show === 'resident' ? order.residentName : order.assigneeName ? `服务党员：${order.assigneeName}` : ''
  return (
    <View
      className={`order-card${order.overdue ? ' order-card--overdue' : ''}`}
      hoverClass='order-card--pressed'
      data-testid='order-card'
      data-id={order.id}
      data-state={order.state}
      data-overdue={order.overdue ? 'true' : 'false'}
      onClick={() => onOpen(order.id)}
    >
      <View className='order-card__row'>
        <Text className='order-card__category'>
          {order.category}
          {order.urgency === 'urgent' ? ' · 紧急' : ''}
        </Text>
        <Text className='order-card__state' data-testid='order-card-state'>
          {order.stateLabel}
        </Text>
      </View>
      <Text className='order-card__description'>{order.description}</Text>
      <Text className='order-card__meta'>
        {[who, order.buildingName ?? order.communityName].filter(Boolean).join(' · ')}
      </Text>
      <Text className='order-card__meta'>希望时间：{formatChinaTime(order.preferredAt)}</Text>
      {order.overdue && (
        <Text className='order-card__overdue' data-testid='order-card-overdue'>
          {order.overdue.label}
          {order.overdue.levelLabel ? `，已通知${order.overdue.levelLabel}` : ''}
        </Text>
      )}
    </View>
  )
}

export interface OrderListProps {
  items: readonly OrderRow[]
  onOpen: (id: string) => void
  empty: string
  show?: 'resident' | 'assignee'
  testId: string
}

export function OrderList({ items, onOpen, empty, show, testId }: OrderListProps) {
  return (
    <View className='order-list' data-testid={testId}>
      {items.length === 0 ? (
        <Text className='order-list__empty' data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        items.map((o) => <OrderCard key={o.id} order={o} onOpen={onOpen} show={show} />)
      )}
    </View>
  )
}
