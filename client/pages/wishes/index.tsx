import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { WallFilter } from '@domain/api/wishes'
import { WALL_FILTERS, WISH_CATEGORIES, type WishCategory } from '@domain/wishes-labels'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { SelectField } from '@/components/SelectField/SelectField'
import { Chips, WallCountsBar, WishCard } from '@/components/WishCard/WishCard'
import { OutboxLink } from '@/components/WishOutbox'
import { useRemote } from '@/hooks/useRemote'
import { useMoreWishes, useWishCommunity, useWishWall } from '@/hooks/useWishes'
import { useWishQueueCounts } from '@/hooks/useWishQueueCounts'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import { myWishes } from '@/services/wishes'
import './index.scss'

const CATEGORY_OPTIONS = [{ id: 'all', label: '全部类别' }, ...WISH_CATEGORIES.map((c) => ({ id: c, label: c }))] as const
const FILTER_OPTIONS: ReadonlyArray<{ id: WallFilter; label: string }> = [
  { id: 'all', label: '全部' },
  ...(Object.keys(WALL_FILTERS) as Array<keyof typeof WALL_FILTERS>).map((k) => ({ id: k, label: WALL_FILTERS[k].label })),
]

/** 待发送 N 条 for grid workers who have submissions waiting on this phone. */
function QueueBanner() {
  const { waiting, failed } = useWishQueueCounts()
  if (!waiting && !failed) return null
  return (
    <View className='wall-page__queue' data-testid='wall-queue' onClick={() => openPage('wishIntake')}>
      {waiting > 0 && <Text data-testid='wall-queue-waiting'>待发送 {waiting} 条</Text>}
      {failed > 0 && <Text data-testid='wall-queue-failed'>{waiting > 0 ? ' · ' : ''}需修改 {failed} 条</Text>}
    </View>
  )
}

/** 心愿 tab: the wish wall of a community, with its counts, filters and the staff's entries. */
export default function WishesPage() {
  const who = useWhoAmI()
  const community = useWishCommunity()
  const [category, setCategory] = useState<WishCategory | 'all'>('all')
  const [filter, setFilter] = useState<WallFilter>('all')
  const [mine, setMine] = useState<'submitted' | 'lit' | null>(null)
  const myList = useRemote(() => myWishes(mine!), mine && who.data ? `${who.data.id}:${mine}` : null)
  const wall = useWishWall(community.id, category === 'all' ? undefined : category, filter)
  const more = useMoreWishes(wall.data, community.id, category === 'all' ? undefined : category, filter)
  usePullDownRefresh(() => {
    void wall.reload()
  })
  useReachBottom(() => void more.load())
  // Back on the tab after lighting or confirming a wish: the counts and the list have moved.
  useDidShow(() => {
    if (wall.data) void wall.reload()
    if (myList.data) void myList.reload()
  })

  const roles = new Set(who.data?.roles.map((r) => r.kind) ?? [])
  const isGridWorker = roles.has('grid_worker')
  const isCommunityAdmin = roles.has('community_admin')
  const canLight = roles.has('member') || roles.has('caring_citizen')
  const MINE_OPTIONS = [
    { id: 'wall', label: '心愿墙' },
    { id: 'submitted', label: '我提交的' },
    ...(canLight ? [{ id: 'lit', label: '我点亮的' }] : []),
  ] as const

  return (
    <Page className='page wall-page' data-testid='page-wishes' data-community={community.id ?? ''}>
      {wall.data ? <WallCountsBar counts={wall.data.counts} /> : null}
      <View className='wall-page__head'>
        <Text className='wall-page__title' data-testid='wall-title'>
          {wall.data?.community.name ?? community.name ?? ''}微心愿
        </Text>
        {community.communities.length > 1 && community.id && (
          <SelectField
            label='社区'
            placeholder='选择社区'
            options={community.communities}
            value={community.id}
            onChange={(id) => id && community.choose(id)}
            testId='wall-community'
          />
        )}
      </View>
      {(isGridWorker || isCommunityAdmin) && (
        <View className='wall-page__actions'>
          {isGridWorker && (
            <View className='wall-page__action' hoverClass='wall-page__action--pressed' data-testid='wall-intake' onClick={() => openPage('wishIntake')}>
              录入心愿
            </View>
          )}
          {isCommunityAdmin && (
            <View className='wall-page__action' hoverClass='wall-page__action--pressed' data-testid='wall-review' onClick={() => openPage('wishReview', community.id ? { communityId: community.id } : {})}>
              待审心愿
            </View>
          )}
        </View>
      )}
      {isGridWorker && <QueueBanner />}
      {who.data && <Chips options={MINE_OPTIONS} value={mine ?? 'wall'} onChange={(v) => setMine(v === 'wall' ? null : (v as 'submitted' | 'lit'))} testId='wall-mine' />}
      {mine ? (
        myList.data ? (
          myList.data.items.length ? (
            <View data-testid='wall-mine-items'>
              {myList.data.items.map((w) => (
                <WishCard key={w.id} wish={w} onOpen={(id) => openPage('wishDetail', { id })} />
              ))}
            </View>
          ) : (
            <Text className='wall-page__empty' data-testid='wall-mine-empty'>
              {mine === 'lit' ? '您还没有点亮过心愿' : '您还没有提交过心愿'}
            </Text>
          )
        ) : (
          <LoadPanel error={myList.error} onRetry={() => void myList.reload()} />
        )
      ) : (
        <View>
          <Chips options={FILTER_OPTIONS} value={filter} onChange={setFilter} testId='wall-filter' />
          <Chips options={CATEGORY_OPTIONS} value={category} onChange={(c) => setCategory(c as WishCategory | 'all')} testId='wall-category' />
          {!community.id ? (
            <LoadPanel error={community.error} onRetry={() => void community.reload()} />
          ) : wall.data ? (
            wall.data.items.length ? (
              <View data-testid='wall-items'>
                {[...wall.data.items, ...more.items].map((w) => (
                  <WishCard key={w.id} wish={w} onOpen={(id) => openPage('wishDetail', { id })} />
                ))}
                {more.next && (
                  <View className='wall-page__more' data-testid='wall-more' onClick={() => void more.load()}>
                    {more.loading ? '正在加载…' : '加载更多'}
                  </View>
                )}
              </View>
            ) : (
              <Text className='wall-page__empty' data-testid='wall-empty'>
                这里还没有心愿
              </Text>
            )
          ) : (
            <LoadPanel error={wall.error} onRetry={() => void wall.reload()} />
          )}
        </View>
      )}
      <OutboxLink />
    </Page>
  )
}
