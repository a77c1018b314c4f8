import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import type { ReviewItem } from '@domain/api/wishes'
import { WISH_STATE_LABELS } from '@domain/wishes-labels'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Chips } from '@/components/WishCard/WishCard'
import { Page } from '@/components/Page/Page'
import { ExportButton } from '@/components/ExportButton/ExportButton'
import { exportList } from '@/services/exports'
import { ReviewRow } from '@/components/WishDetail/ReviewRow'
import { usePageParams } from '@/hooks/usePageParams'
import { useRemote } from '@/hooks/useRemote'
import { useReviewQueue } from '@/hooks/useWishes'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import { reviewOverview } from '@/services/wishSettings'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

/** The queue's two filters: the states in review, named as everywhere. */
const TABS = (['submitted', 'verified'] as const).map((id) => ({ id, label: WISH_STATE_LABELS[id] }))

/** A read-only row of the street's or county's overview: its community first, the beneficiary masked. */
function OverviewRow({ item, onSettings }: { item: ReviewItem; onSettings: (communityId: string) => void }) {
  return (
    <View className='review-page__row' data-testid='overview-item' data-id={item.id} data-community={item.communityId}>
      <View className='review-page__row-top'>
        <Text className='review-page__community' data-testid='overview-item-community'>
          {item.communityName}
        </Text>
        <Text className='review-page__state'>{item.stateLabel}</Text>
      </View>
      <Text className='review-page__row-title' data-testid='overview-item-title'>
        {item.title}
      </Text>
      <Text className='review-page__meta'>
        {item.beneficiaryName}（{item.category}） · {item.authorName} 录入 · {formatChinaTime(item.createdAt)}
        {item.hasVisit ? ' · 已走访' : ''}
      </Text>
      <View className='review-page__row-link' hoverClass='review-page__row-link--pressed' data-testid='overview-item-settings' onClick={() => onSettings(item.communityId)}>
        {item.communityName}心愿设置 ›
      </View>
    </View>
  )
}

/**
 * 待审心愿: the community admin's queue; each wish opens to verify, publish or reject with a reason.
 * A street or county admin (or `orgId` in the URL) sees instead what waits in every community
 * under them, read-only, each row naming its community (the community admin decides).
 */
export default function WishReviewPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const roles = who.data?.roles ?? []
  const admin = roles.find((r) => r.kind === 'community_admin' && r.scopeId && (!params.communityId || r.scopeId === params.communityId))
  const overseer = roles.find((r) => (r.kind === 'street_admin' || r.kind === 'county_admin') && r.scopeId && (!params.orgId || r.scopeId === params.orgId))
  const orgId = params.orgId || (!params.communityId && !admin ? overseer?.scopeId : undefined) || null
  const communityId = orgId ? null : params.communityId || admin?.scopeId || null
  const [tab, setTab] = useState<'submitted' | 'verified'>('submitted')
  const queue = useReviewQueue(communityId, tab)
  const overview = useRemote(() => reviewOverview(orgId!, tab), orgId ? `${orgId}:${tab}` : null)
  const current = orgId ? overview : queue
  // Back from a wish that was just published or rejected: the list has moved.
  useDidShow(() => {
    if (current.data) void current.reload()
  })

  let body
  if (!communityId && !orgId && who.data)
    body = (
      <Text className='review-page__none' data-testid='review-no-scope'>
        只有社区管理员可以审核心愿。请到「我的」切换为社区管理员身份。
      </Text>
    )
  else if (orgId && overview.data)
    body = overview.data.items.length ? (
      <View data-testid='overview-items'>
        {overview.data.items.map((w) => (
          <OverviewRow key={w.id} item={w} onSettings={(id) => openPage('wishSettings', { communityId: id })} />
        ))}
      </View>
    ) : (
      <Text className='review-page__none' data-testid='review-empty'>
        各社区都没有{WISH_STATE_LABELS[tab]}的心愿
      </Text>
    )
  else if (!orgId && queue.data)
    body = queue.data.items.length ? (
      <View data-testid='review-items'>
        {queue.data.items.map((w) => (
          <ReviewRow key={w.id} item={w} onOpen={(id) => openPage('wishDetail', { id })} />
        ))}
      </View>
    ) : (
      <Text className='review-page__none' data-testid='review-empty'>
        没有{WISH_STATE_LABELS[tab]}的心愿
      </Text>
    )
  else body = <LoadPanel error={current.error ?? who.error} onRetry={() => void (communityId || orgId ? current.reload() : who.reload())} />

  const scopeName = orgId ? overview.data?.scope?.name ?? overseer?.scopeName ?? '' : admin?.scopeName ?? ''
  return (
    <Page className='page review-page' data-testid='page-wish-review' data-community={communityId ?? ''} data-org={orgId ?? ''}>
      <View className='review-page__head'>
        <Text className='review-page__title'>{orgId ? '各社区待审心愿' : '待审心愿'}</Text>
        <Text className='review-page__scope' data-testid='review-scope'>
          {scopeName}
        </Text>
        {orgId ? (
          <Text className='review-page__hint' data-testid='overview-hint'>
            只读：由各社区审核发布。
          </Text>
        ) : null}
        {communityId ? (
          <View className='review-page__settings' hoverClass='review-page__settings--pressed' data-testid='review-open-settings' onClick={() => openPage('wishSettings', { communityId })}>
            心愿设置（释放天数、服务时长）
          </View>
        ) : null}
        {communityId || orgId ? (
          <ExportButton list='wishes' run={() => exportList('wishes', orgId ? { orgId, state: tab } : { communityId: communityId!, state: tab })} disabled={!current.data} />
        ) : null}
      </View>
      <Chips options={TABS} value={tab} onChange={setTab} testId='review-tabs' />
      {body}
    </Page>
  )
}
