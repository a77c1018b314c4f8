import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { HouseholdRow } from '@/components/HouseholdRow/HouseholdRow'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { useHouseholdList, useHouseholdPlaces } from '@/hooks/useHouseholds'
import { usePageParams } from '@/hooks/usePageParams'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import '../grid.scss'
import './index.scss'

/**
 * 网格居民 / 楼栋居民: the doors of a grid or building the person works (masked names, tags, the
 * last visit), 只看逾期 for the households due a visit by the community's rules, 50 at a time
 * (加载更多 appends the next page; the counts are the whole place's). Anyone else gets the
 * function's refusal, never an empty list.
 */
export default function HouseholdsPage() {
  const params = usePageParams()
  const places = useHouseholdPlaces()
  const [placeId, setPlaceId] = useState<string | null>(params.placeId || null)
  const [overdue, setOverdue] = useState(params.overdue === '1')
  useEffect(() => {
    if (!placeId && places.data?.places[0]) setPlaceId(places.data.places[0].id)
  }, [placeId, places.data])
  const list = useHouseholdList(placeId, overdue)
  const who = useWhoAmI()
  // What the function allows (household.maintain; the rules are the community admin's): the buttons only show where they work.
  const canAdd = who.data?.activeRole === 'grid_worker' || who.data?.activeRole === 'community_admin'
  const canSetRules = who.data?.activeRole === 'community_admin'

  if (!places.data || !list.data)
    return (
      <Page className='page grid-page' data-testid='page-households'>
        <LoadPanel error={places.error ?? list.error} onRetry={() => void (places.error ? places.reload() : list.reload())} />
      </Page>
    )

  const view = list.data
  return (
    <Page className='page grid-page' data-testid='page-households'>
      <View className='grid-page__head'>
        <Text className='grid-page__title'>{view.place.name}</Text>
        <Text className='grid-page__sub' data-testid='households-count' data-count={String(view.total)} data-overdue={String(view.overdueCount)}>
          {`共 ${view.total} 户 · 逾期 ${view.overdueCount} 户`}
        </Text>
      </View>
      {(canAdd || canSetRules) && (
        <View className='households-page__actions'>
          {canAdd && (
            <View className='households-page__action' hoverClass='households-page__action--pressed' role='button' data-testid='households-add' onClick={() => openPage('householdEdit', { placeId: view.place.kind === 'building' ? view.place.id : undefined })}>
              ＋ 新增住户
            </View>
          )}
          {canSetRules && (
            <View className='households-page__action' hoverClass='households-page__action--pressed' role='button' data-testid='households-rules' onClick={() => openPage('visitRules')}>
              走访周期
            </View>
          )}
        </View>
      )}
      <View className='grid-page__chips'>
        {places.data.places.map((p) => (
          <View key={p.id} className={`grid-page__chip${p.id === placeId ? ' grid-page__chip--on' : ''}`} data-testid='households-place' data-id={p.id} data-selected={String(p.id === placeId)} onClick={() => setPlaceId(p.id)}>
            {p.id === placeId ? '✓ ' : ''}
            {p.name}
          </View>
        ))}
        <View className={`grid-page__chip${overdue ? ' grid-page__chip--on' : ''}`} data-testid='households-overdue' data-selected={String(overdue)} onClick={() => setOverdue(!overdue)}>
          {overdue ? '✓ ' : ''}只看逾期
        </View>
      </View>
      {view.items.length === 0 ? (
        <Text className='grid-page__empty' data-testid='households-empty'>
          {overdue ? '没有逾期未走访的住户。' : '这里还没有登记住户。'}
        </Text>
      ) : (
        <View data-testid='households-items' data-shown={String(view.items.length)}>
          {view.items.map((row) => (
            <HouseholdRow key={row.id} row={row} onOpen={(id) => openPage('household', { id })} />
          ))}
        </View>
      )}
      {view.items.length > 0 && (
        <Text className='households-page__shown' data-testid='households-shown'>
          {view.nextOffset === null ? `已显示全部 ${view.items.length} 户` : `已显示 ${view.items.length} 户，共 ${overdue ? view.overdueCount : view.total} 户`}
        </Text>
      )}
      {list.moreError && (
        <Text className='households-page__error' data-testid='households-more-error'>
          {list.moreError.message}
        </Text>
      )}
      {view.nextOffset !== null && (
        <View
          className={`households-page__more${list.loadingMore ? ' households-page__more--busy' : ''}`}
          hoverClass='households-page__more--pressed'
          data-testid='households-more'
          data-next={String(view.nextOffset)}
          role='button'
          aria-disabled={list.loadingMore}
          aria-label={list.loadingMore ? '正在加载下一页住户' : `加载更多住户，已显示 ${view.items.length} 户`}
          onClick={() => !list.loadingMore && void list.loadMore()}
        >
          {list.loadingMore ? '正在加载…' : '加载更多'}
        </View>
      )}
    </Page>
  )
}
