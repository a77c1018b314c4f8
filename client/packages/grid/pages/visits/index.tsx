import '@/components/VisitForm/VisitForm.scss'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { VisitCard } from '@/components/VisitCard/VisitCard'
import { VisitQueueState } from '@/components/VisitForm/VisitQueue'
import { useMyVisits, useVisitQueue } from '@/hooks/useHouseholds'
import { openPage } from '@/navigation'
import '../grid.scss'

/** 走访记录: what is still on the phone, then the visits the server has, newest first; 去走访 opens the households. */
export default function VisitsPage() {
  const visits = useMyVisits()
  const { items, queue } = useVisitQueue()
  useDidShow(() => void visits.reload())
  return (
    <Page className='page grid-page' data-testid='page-visits'>
      <View className='grid-page__head'>
        <Text className='grid-page__title'>走访记录</Text>
      </View>
      <View className='grid-page__chips'>
        <View className='grid-page__link' data-testid='visits-households' onClick={() => openPage('households')}>
          住户名单 · 去走访 ›
        </View>
        <View className='grid-page__link' data-testid='visits-overdue' onClick={() => openPage('households', { overdue: '1' })}>
          逾期未走访 ›
        </View>
        <View className='grid-page__link' data-testid='visits-new-household' onClick={() => openPage('householdEdit')}>
          新增住户 ›
        </View>
      </View>
      <View className='visit-form'>
        <VisitQueueState items={items} onRetry={() => void queue.flush().then(() => visits.reload())} onDiscard={queue.discard} />
      </View>
      {visits.data ? (
        <View className='grid-page__section' data-testid='visits-list' data-count={String(visits.data.items.length)}>
          {visits.data.items.length === 0 ? (
            <Text className='grid-page__text'>还没有走访记录。</Text>
          ) : (
            visits.data.items.map((v) => <VisitCard key={v.id} visit={v} showDoor />)
          )}
        </View>
      ) : (
        <LoadPanel error={visits.error} onRetry={() => void visits.reload()} />
      )}
    </Page>
  )
}
