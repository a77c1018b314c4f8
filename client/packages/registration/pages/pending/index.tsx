import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { PendingReview } from '@/components/PendingReview/PendingReview'
import { ExportButton } from '@/components/ExportButton/ExportButton'
import { exportList } from '@/services/exports'
import { usePageParams } from '@/hooks/usePageParams'
import { usePending } from '@/hooks/useRegistration'
import { reviewTarget } from '@/hooks/reviewTarget'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { confirm, reject } from '@/services/registration'
import './index.scss'

/** 待审核报到 for unit and community admins. */
export default function PendingPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const target = reviewTarget(params, who.data)
  const pending = usePending(target?.scope ?? null, target?.scopeId ?? null)

  let body
  if (!target) {
    body =
      who.data || who.error ? (
        who.error ? (
          <LoadPanel error={who.error} onRetry={() => void who.reload()} />
        ) : (
          <View className='pending-page__none' data-testid='pending-no-scope'>
            <Text className='pending-page__none-text'>只有单位或社区的管理员可以审核报到。请到「我的」切换为管理员身份。</Text>
          </View>
        )
      ) : (
        <LoadPanel error={null} onRetry={() => {}} />
      )
  } else if (!pending.ready) {
    body = <LoadPanel error={pending.error} onRetry={() => void pending.reload()} />
  } else {
    body = (
      <PendingReview
        items={pending.items}
        total={pending.total}
        hasMore={pending.hasMore}
        loadingMore={pending.loadingMore}
        onLoadMore={() => void pending.loadMore()}
        onConfirm={async (ids) => {
          const result = await confirm(target.scope, ids)
          void pending.reload()
          return result
        }}
        onReject={async (id, reason) => {
          await reject(target.scope, id, reason)
          void pending.reload()
        }}
      />
    )
  }

  return (
    <Page className='page' data-testid='page-pending' data-scope={target?.scope ?? ''} data-scope-id={target?.scopeId ?? ''}>
      {target && (
        <View className='pending-page__head'>
          <Text className='pending-page__title' data-testid='pending-title'>
            {target.scope === 'unit' ? '待本单位确认的报到' : '待本社区确认的报到'}
          </Text>
          {target.scopeName && <Text className='pending-page__scope'>{target.scopeName}</Text>}
          <Text className='pending-page__hint'>
            {target.scope === 'unit' ? '请确认这些人是本单位的在职党员' : '请确认这些党员住在本社区'}
          </Text>
          <ExportButton list='pendingRegistrations' run={() => exportList('pendingRegistrations', { scope: target.scope, scopeId: target.scopeId })} disabled={!pending.ready} />
        </View>
      )}
      {body}
    </Page>
  )
}
