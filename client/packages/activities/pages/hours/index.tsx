import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActivityHours, type HoursEdit } from '@/components/ActivityHours/ActivityHours'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { useHoursList } from '@/hooks/useActivities'
import { usePageParams } from '@/hooks/usePageParams'
import { adjustHours, bookHours } from '@/services/activities'
import { messageOf } from '@/services/ApiError'
import './index.scss'

/** 时长核对: the organiser checks each person's hours after the activity, corrects any, and books them once. */
export default function ActivityHoursPage() {
  const params = usePageParams()
  const id = params.id || null
  const list = useHoursList(id)
  const [error, setError] = useState<string | null>(null)

  /** Each step answers the list as it is now; a refusal shows why and the list is read again. */
  const step = async (send: () => ReturnType<typeof bookHours>, toast: string) => {
    setError(null)
    try {
      list.set(await send())
      void Taro.showToast({ title: toast, icon: 'success', duration: 1500 })
    } catch (e) {
      const message = messageOf(e)
      setError(message)
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      await list.reload()
      throw e
    }
  }

  const adjust = (e: HoursEdit) => step(() => adjustHours(id!, e.userId, e.reason, e.hours), '已修改')
  const book = () => step(() => bookHours(id!), '已入账')

  const view = list.data
  return (
    <Page className='page hours-page' data-testid='page-activity-hours' data-id={id ?? ''}>
      {!id ? (
        <Text className='hours-page__none' data-testid='hours-no-id'>
          没有找到这个活动，请从活动页打开。
        </Text>
      ) : view ? (
        <View>
          <View className='hours-page__head'>
            <Text className='hours-page__title'>{view.title}</Text>
            <Text className='hours-page__state' data-testid='hours-state' data-state={view.state}>
              {view.stateLabel}
            </Text>
          </View>
          <ActivityHours view={view} onAdjust={adjust} onBook={book} error={error} />
        </View>
      ) : (
        <LoadPanel error={list.error} onRetry={() => void list.reload()} />
      )}
    </Page>
  )
}
