import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderTimeSettings } from '@domain/api/orders'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { OrderSettingsForm } from '@/components/OrderSettingsForm/OrderSettingsForm'
import { Page } from '@/components/Page/Page'
import { usePageParams } from '@/hooks/usePageParams'
import { useAdminCommunity, useOrderSettings } from '@/hooks/useOrders'
import { messageOf, toApiError } from '@/services/ApiError'
import { setSettings } from '@/services/orders'
import './index.scss'

/** 时限设置: a community admin sets how long each step may wait before one level up is told. */
export default function OrderSettingsPage() {
  const params = usePageParams()
  const community = useAdminCommunity(params.communityId)
  const view = useOrderSettings(community.id)

  const save = async (settings: OrderTimeSettings) => {
    try {
      view.set(await setSettings(community.id!, settings))
    } catch (e) {
      throw { code: toApiError(e).code, message: messageOf(e) }
    }
    void Taro.showToast({ title: '时限已保存', icon: 'success', duration: 1500 })
  }

  return (
    <Page className='page order-settings' data-testid='page-order-settings' data-community={community.id ?? ''}>
      {!community.id ? (
        community.ready ? (
          <Text className='order-settings__none' data-testid='settings-no-scope'>
            没有找到您负责的社区。
          </Text>
        ) : (
          <LoadPanel error={null} onRetry={() => undefined} />
        )
      ) : view.data ? (
        <View>
          <Text className='order-settings__heading'>{view.data.communityName}服务时限</Text>
          <Text className='order-settings__note'>超过时限的服务单会标为超时，并通知上一级。</Text>
          <OrderSettingsForm key={JSON.stringify(view.data.settings)} settings={view.data.settings} isDefault={view.data.isDefault} onSave={save} />
        </View>
      ) : (
        <LoadPanel error={view.error} onRetry={() => void view.reload()} />
      )}
    </Page>
  )
}
