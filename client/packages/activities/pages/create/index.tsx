import { useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityCreateInput } from '@domain/api/activities'
// LoadPanel's styles first, as on every other page: the shared stylesheet keeps one order.
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { ActivityForm } from '@/components/ActivityForm/ActivityForm'
import { chinaDate } from '@/components/ActivityForm/times'
import { Page } from '@/components/Page/Page'
import { useOrganiserOptions, useThemes } from '@/hooks/useActivities'
import { replacePage } from '@/navigation'
import { createActivity } from '@/services/activities'
import './index.scss'

/** 发布活动: an organiser fills in the activity, keeps it as a draft or publishes it, then sees its page. */
export default function CreateActivityPage() {
  const options = useOrganiserOptions()
  // The themes of the year the activity starts in (tomorrow's year at first).
  const [year, setYear] = useState(() => Number(chinaDate(new Date(), 1).slice(0, 4)))
  const themes = useThemes(year)

  const submit = async (input: ActivityCreateInput) => {
    const created = await createActivity(input)
    void Taro.showToast({ title: input.publish ? '已发布' : '已保存草稿', icon: 'success', duration: 1500 })
    replacePage('activityDetail', { id: created.id })
  }

  return (
    <Page className='page activity-new-page' data-testid='page-activity-new'>
      {options.data ? (
        options.data.length === 0 ? (
          <Text className='activity-new-page__none' data-testid='activity-new-none'>
            您现在还不能组织活动：单位、社区或小区党支部的管理员才可以发布活动。
          </Text>
        ) : (
          <ActivityForm options={options.data} themes={themes.data} onYear={setYear} onSubmit={submit} />
        )
      ) : (
        <LoadPanel error={options.error} onRetry={() => void options.reload()} />
      )}
    </Page>
  )
}
