import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ServiceItemView } from '@domain/api/orders'
import './OrderServiceItems.scss'

export interface OrderServiceItemsProps {
  items: readonly ServiceItemView[]
  /** Claims a standing item; rejects with the message to show (手慢了, 特长不符 …). */
  onJoin: (id: string) => Promise<void>
}

/** 服务清单 for members: the community's standing items (常设项目) with seats left, 我来认领 when one fits. */
export function OrderServiceItems({ items, onJoin }: OrderServiceItemsProps) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<{ id: string; message: string } | null>(null)
  const standing = items.filter((i) => i.standing && i.active)
  if (standing.length === 0)
    return (
      <Text className='order-items__empty' data-testid='order-items-empty'>
        社区暂时没有可认领的常设服务项目。
      </Text>
    )
  const join = async (id: string) => {
    setBusy(id)
    setError(null)
    try {
      await onJoin(id)
    } catch (e) {
      setError({ id, message: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='order-items' data-testid='order-items'>
      {standing.map((i) => (
        <View key={i.id} className='order-items__item' data-testid='order-service-item' data-id={i.id} data-mine={i.mine ? 'true' : 'false'}>
          <Text className='order-items__title'>{i.title}</Text>
          <Text className='order-items__meta'>
            {i.category} · 约{i.expectedHours}小时 · {i.seatsLeft > 0 ? `还剩${i.seatsLeft}个名额` : '名额已满'}
          </Text>
          {i.skills.length > 0 && <Text className='order-items__meta'>需要：{i.skills.join('、')}</Text>}
          {i.mine ? (
            <Text className='order-items__mine' data-testid='order-item-mine'>
              我已认领
            </Text>
          ) : (
            i.seatsLeft > 0 && (
              <View
                className={`order-items__button${busy ? ' order-items__button--busy' : ''}`}
                hoverClass='order-items__button--pressed'
                data-testid='order-item-join'
                onClick={() => {
                  if (!busy) void join(i.id)
                }}
              >
                我来认领
              </View>
            )
          )}
          {error?.id === i.id && (
            <Text className='order-items__error' data-testid='order-item-error'>
              {error.message}
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
