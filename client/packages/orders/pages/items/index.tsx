import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ServiceItemView } from '@domain/api/orders'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { OrderItemForm } from '@/components/OrderItemForm/OrderItemForm'
import { Page } from '@/components/Page/Page'
import { usePageParams } from '@/hooks/usePageParams'
import { useAdminCommunity, useServiceItems } from '@/hooks/useOrders'
import { messageOf, toApiError } from '@/services/ApiError'
import { saveItem } from '@/services/orders'
import { newItemId } from '../order/times'
import './index.scss'

function ItemRow({ item, canEdit, onEdit }: { item: ServiceItemView; canEdit: boolean; onEdit: () => void }) {
  return (
    <View className={`items-page__item${item.active ? '' : ' items-page__item--off'}`} data-testid='admin-item' data-id={item.id} data-active={String(item.active)} data-standing={String(item.standing)}>
      <View className='items-page__row'>
        <Text className='items-page__title' data-testid='admin-item-title'>
          {item.title}
        </Text>
        <Text className='items-page__badge'>{!item.active ? '已停用' : item.standing ? '常设项目' : '居民点单'}</Text>
      </View>
      <Text className='items-page__meta' data-testid='admin-item-meta'>
        {item.category} · 约{item.expectedHours}小时 · 名额{item.capacity}人{item.standing ? `（已认领${item.joined}人）` : ''}
      </Text>
      {item.skills.length > 0 && <Text className='items-page__meta'>需要：{item.skills.join('、')}</Text>}
      {item.description && <Text className='items-page__text'>{item.description}</Text>}
      {canEdit && (
        <View className='items-page__edit' hoverClass='items-page__edit--pressed' data-testid='admin-item-edit' onClick={onEdit}>
          修改
        </View>
      )}
    </View>
  )
}

/** 服务清单 for a community admin: every item of the community, active or not, to add and change. */
export default function ServiceItemsPage() {
  const params = usePageParams()
  const community = useAdminCommunity(params.communityId)
  const items = useServiceItems(community.id)
  const [editing, setEditing] = useState<{ item: ServiceItemView | null; newId: string } | null>(null)

  const save = async (input: Parameters<typeof saveItem>[0]) => {
    try {
      await saveItem(input)
    } catch (e) {
      throw { code: toApiError(e).code, message: messageOf(e) }
    }
    void Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 })
    setEditing(null)
    await items.reload()
  }

  return (
    <Page className='page items-page' data-testid='page-order-items' data-community={community.id ?? ''}>
      {!community.id ? (
        community.ready ? (
          <Text className='items-page__none' data-testid='items-no-scope'>
            没有找到您负责的社区。
          </Text>
        ) : (
          <LoadPanel error={null} onRetry={() => undefined} />
        )
      ) : editing ? (
        <OrderItemForm key={editing.item?.id ?? editing.newId} communityId={community.id} item={editing.item} newId={editing.newId} onSave={save} onCancel={() => setEditing(null)} />
      ) : items.data ? (
        <View>
          <Text className='items-page__heading'>{community.name ? `${community.name}服务清单` : '服务清单'}</Text>
          <Text className='items-page__note'>居民点单时从清单里选；常设项目还可由特长相符的党员认领。</Text>
          {items.data.canEdit && (
            <View className='items-page__add' hoverClass='items-page__add--pressed' data-testid='items-add' onClick={() => setEditing({ item: null, newId: newItemId() })}>
              ＋ 新增服务项目
            </View>
          )}
          {items.data.items.length === 0 ? (
            <Text className='items-page__none' data-testid='items-empty'>
              清单里还没有服务项目。
            </Text>
          ) : (
            <View data-testid='admin-items'>
              {items.data.items.map((i) => (
                <ItemRow key={i.id} item={i} canEdit={items.data!.canEdit} onEdit={() => setEditing({ item: i, newId: i.id })} />
              ))}
            </View>
          )}
        </View>
      ) : (
        <LoadPanel error={items.error} onRetry={() => void items.reload()} />
      )}
    </Page>
  )
}
