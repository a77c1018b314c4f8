import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Chips } from '@/components/WishCard/WishCard'
import { ReviewRow } from '@/components/WishDetail/ReviewRow'
import { usePageParams } from '@/hooks/usePageParams'
import { useReviewQueue } from '@/hooks/useWishes'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import './index.scss'

const TABS = [
  { id: 'submitted', label: '待核实' },
  { id: 'verified', label: '待发布' },
] as const

/** 待审心愿: the community admin's queue; each wish opens to verify, publish or reject with a reason. */
export default function WishReviewPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const admin = who.data?.roles.find((r) => r.kind === 'community_admin' && r.scopeId && (!params.communityId || r.scopeId === params.communityId))
  const communityId = params.communityId || admin?.scopeId || null
  const [tab, setTab] = useState<'submitted' | 'verified'>('submitted')
  const queue = useReviewQueue(communityId, tab)
  // Back from a wish that was just published or rejected: the list has moved.
  useDidShow(() => {
    if (queue.data) void queue.reload()
  })

  let body
  if (!communityId && who.data)
    body = (
      <Text className='review-page__none' data-testid='review-no-scope'>
        只有社区管理员可以审核心愿。请到「我的」切换为社区管理员身份。
      </Text>
    )
  else if (queue.data)
    body = queue.data.items.length ? (
      <View data-testid='review-items'>
        {queue.data.items.map((w) => (
          <ReviewRow key={w.id} item={w} onOpen={(id) => openPage('wishDetail', { id })} />
        ))}
      </View>
    ) : (
      <Text className='review-page__none' data-testid='review-empty'>
        没有{tab === 'submitted' ? '待核实' : '待发布'}的心愿
      </Text>
    )
  else body = <LoadPanel error={queue.error ?? who.error} onRetry={() => void (communityId ? queue.reload() : who.reload())} />

  return (
    <View className='page review-page' data-testid='page-wish-review' data-community={communityId ?? ''}>
      <View className='review-page__head'>
        <Text className='review-page__title'>待审心愿</Text>
        <Text className='review-page__scope'>{admin?.scopeName ?? ''}</Text>
        {communityId ? (
          <View className='review-page__settings' hoverClass='review-page__settings--pressed' data-testid='review-open-settings' onClick={() => openPage('wishSettings', { communityId })}>
            心愿设置（释放天数、服务时长）
          </View>
        ) : null}
      </View>
      <Chips options={TABS} value={tab} onChange={setTab} testId='review-tabs' />
      {body}
    </View>
  )
}
