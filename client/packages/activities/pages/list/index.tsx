import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import type { ActivityListView } from '@domain/api/activities'
import { ActivityList } from '@/components/ActivityCard/ActivityCard'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { isOrganiser, useActivityList } from '@/hooks/useActivities'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import './index.scss'

const SEGMENTS: ReadonlyArray<{ id: ActivityListView; label: string; empty: string }> = [
  { id: 'community', label: '社区活动', empty: '现在还没有社区活动，过几天再来看看。' },
  { id: 'mine', label: '我报名的', empty: '您还没有报名活动，可以在「社区活动」里报名。' },
  { id: 'organising', label: '我组织的', empty: '您还没有组织活动，点上方「发布活动」开始。' },
]

/** 社区活动: what is on in the community, what I signed up for, and for organisers what they run. */
export default function ActivitiesPage() {
  const who = useWhoAmI()
  const organiser = isOrganiser(who.data)
  const [view, setView] = useState<ActivityListView>('community')
  const list = useActivityList(view)
  const segments = SEGMENTS.filter((s) => s.id !== 'organising' || organiser)
  const segment = segments.find((s) => s.id === view) ?? segments[0]

  // Back from an activity (signed up, withdrew, published): the seats and my place changed.
  useDidShow(() => {
    if (list.data || list.error) void list.reload()
  })

  return (
    <Page className='page activities-page' data-testid='page-activities' data-view={view}>
      {organiser && (
        <View className='activities-page__new' hoverClass='activities-page__new--pressed' role='button' data-testid='activities-new' onClick={() => openPage('activityNew')}>
          ＋ 发布活动
        </View>
      )}
      <View className='activities-page__tabs' role='tablist' data-testid='activities-tabs'>
        {segments.map((s) => (
          <View
            key={s.id}
            className={`activities-page__tab${s.id === view ? ' activities-page__tab--on' : ''}`}
            role='tab'
            aria-selected={s.id === view}
            data-testid='activities-tab'
            data-value={s.id}
            data-selected={s.id === view ? 'true' : 'false'}
            onClick={() => setView(s.id)}
          >
            {s.label}
          </View>
        ))}
      </View>
      {list.data ? (
        <ActivityList items={list.data.items} onOpen={(id) => openPage('activityDetail', { id })} empty={segment.empty} testId='activities-list' />
      ) : who.error ? (
        <LoadPanel error={who.error} onRetry={() => void who.reload()} />
      ) : (
        <LoadPanel error={list.error} onRetry={() => void list.reload()} />
      )}
      {list.data && list.data.items.length > 0 && <Text className='activities-page__foot'>点活动查看详情和报名</Text>}
    </Page>
  )
}
