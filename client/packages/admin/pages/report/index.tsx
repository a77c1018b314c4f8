import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { FIGURES } from '@domain/stats/dashboard'
import { RANK_KEYS, type LagRow } from '@domain/stats/report'
import { FigureCards } from '@/components/FigureCards/FigureCards'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { LAG_TITLES } from '@/components/ReportImage/draw'
import { ReportImage } from '@/components/ReportImage/ReportImage'
import { StatsTable, type StatsColumn } from '@/components/StatsTable/StatsTable'
import { usePageParams } from '@/hooks/usePageParams'
import { useReport } from '@/hooks/useStats'
import './index.scss'

const RANK_COLUMNS: StatsColumn[] = RANK_KEYS.map((key) => ({ key, label: FIGURES[key].label, unit: FIGURES[key].unit }))

function Lagging({ kind, rows }: { kind: keyof typeof LAG_TITLES; rows: readonly LagRow[] }) {
  return (
    <View className='report-page__lag' data-testid={`lag-${kind}`} data-count={String(rows.length)}>
      <Text className='report-page__lag-title'>{`${LAG_TITLES[kind]}（${rows.length}）`}</Text>
      {rows.length === 0 ? (
        <Text className='report-page__lag-none'>无</Text>
      ) : (
        rows.map((r) => (
          <View key={r.id} className='report-page__lag-row' data-testid='lag-row' data-id={r.id}>
            <Text className='report-page__lag-name'>{r.name}</Text>
            <Text className='report-page__lag-why' data-testid='lag-why'>
              {r.why}
            </Text>
          </View>
        ))
      )}
    </View>
  )
}

/**
 * One 进度通报 as it was published: its title, the month's totals, the communities and units
 * ranked by service hours, who is lagging and why, and 生成分享图 for the admins' group.
 */
export default function ReportPage() {
  const params = usePageParams()
  const report = useReport(params.id || null)
  const data = report.data
  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: `${data.scopeName}${data.monthLabel}通报` }).catch(() => undefined)
  }, [data?.id])

  if (!data) {
    return (
      <Page className='page report-page' data-testid='page-stats-report'>
        {params.id ? (
          <LoadPanel error={report.error} onRetry={() => void report.reload()} />
        ) : (
          <Text className='report-page__none' data-testid='report-no-id'>
            没有指定要查看的通报，请从进度通报列表打开。
          </Text>
        )}
      </Page>
    )
  }
  return (
    <Page className='page report-page' data-testid='page-stats-report'>
      <View className='report-page__head' data-testid='report' data-id={data.id}>
        <Text className='report-page__title' data-testid='report-title'>
          {data.title}
        </Text>
        <Text className='report-page__sub'>{`${data.scopeName} · ${data.monthLabel}`}</Text>
      </View>
      <Text className='report-page__section'>本月总览</Text>
      <FigureCards figures={data.totals} testId='report-totals' />
      <Text className='report-page__section'>社区排名</Text>
      <Text className='report-page__hint'>按服务时长排名，时长相同按开展活动；左右滑动看全部</Text>
      {data.communities.length > 0 ? (
        <StatsTable caption='社区排名' nameLabel='社区' columns={RANK_COLUMNS} rows={data.communities} testId='report-communities' />
      ) : (
        <Text className='report-page__none'>没有社区</Text>
      )}
      {data.units.length > 0 && (
        <>
          <Text className='report-page__section'>单位排名</Text>
          <StatsTable caption='单位排名' nameLabel='单位' columns={RANK_COLUMNS} rows={data.units} testId='report-units' />
        </>
      )}
      <Text className='report-page__section'>需要关注</Text>
      <View className='report-page__lags'>
        <Lagging kind='noActivity' rows={data.lagging.noActivity} />
        <Lagging kind='requirementNotMet' rows={data.lagging.requirementNotMet} />
        <Lagging kind='overdueOrders' rows={data.lagging.overdueOrders} />
      </View>
      <Text className='report-page__section'>分享</Text>
      <ReportImage report={data} />
    </Page>
  )
}
