import { Text, View } from '@tarojs/components'
import { LEVEL_LABELS } from '@domain/stats/dashboard'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { usePageParams } from '@/hooks/usePageParams'
import { useReports } from '@/hooks/useStats'
import { openPage } from '@/navigation'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

/**
 * 进度通报: the monthly progress reports of a county or street (`scopeId`; omitted: the caller's
 * widest), newest first, each opening the report.
 */
export default function ReportsPage() {
  const params = usePageParams()
  const list = useReports(params.scopeId || undefined)
  const items = list.data?.items
  const scopeName = items?.[0]?.scopeName
  return (
    <Page className='page reports-page' data-testid='page-stats-reports'>
      <View className='reports-page__head'>
        <Text className='reports-page__title'>进度通报</Text>
        <Text className='reports-page__sub'>{scopeName ? `${scopeName} · 每月1日通报上个月` : '每月1日通报上个月的工作进度'}</Text>
      </View>
      {items ? (
        items.length === 0 ? (
          <Text className='reports-page__none' data-testid='reports-empty'>
            还没有进度通报。每月1日会自动生成上个月的通报。
          </Text>
        ) : (
          <View className='reports-page__list' data-testid='reports'>
            {items.map((r) => (
              <View key={r.id} className='reports-page__item' hoverClass='reports-page__item--pressed' data-testid='report-item' data-id={r.id} onClick={() => openPage('statsReport', { id: r.id })}>
                <View className='reports-page__words'>
                  <Text className='reports-page__month'>{r.monthLabel}</Text>
                  <Text className='reports-page__meta'>{`${r.scopeName}（${LEVEL_LABELS[r.level]}） · ${formatChinaTime(r.createdAt, 'M月D日')}发布`}</Text>
                </View>
                <Text className='reports-page__open'>查看 ›</Text>
              </View>
            ))}
          </View>
        )
      ) : (
        <LoadPanel error={list.error} onRetry={() => void list.reload()} />
      )}
    </Page>
  )
}
