import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Breakdown, Dashboard } from '@domain/api/stats'
import { FIGURES, TREND_KEYS, sortRows, type FigureKey } from '@domain/stats/dashboard'
import { PERIOD_KINDS, PERIOD_LABELS, type PeriodKind } from '@domain/stats/metrics'
// LoadPanel and Page before ExportButton, as every page with an export imports them: one order for their styles.
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { ExportButton } from '@/components/ExportButton/ExportButton'
import { FigureCards } from '@/components/FigureCards/FigureCards'
import { BarList, ColumnChart, type BarItem } from '@/components/StatsBars/StatsBars'
import { nextSort, StatsTable, type SortState, type StatsRow } from '@/components/StatsTable/StatsTable'
import { usePageParams } from '@/hooks/usePageParams'
import { useDashboard } from '@/hooks/useStats'
import { openPage, replacePage } from '@/navigation'
import { exportDashboard } from '@/services/stats'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

const isPeriod = (p: string | undefined): p is PeriodKind => !!p && (PERIOD_KINDS as readonly string[]).includes(p)

/** `数据截至 14:05` today, `数据截至 11月30日 23:55` before; the counters include everything up to then. */
export function asOfText(asOf: string | null, now = new Date()): string {
  if (!asOf) return '数据尚未汇总'
  const sameDay = formatChinaTime(asOf, 'YYYY-MM-DD') === formatChinaTime(now.toISOString(), 'YYYY-MM-DD')
  return `数据截至 ${formatChinaTime(asOf, sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`
}

/**
 * Pages still to go back through on h5. Taro's h5 router cannot go back several pages of one route
 * at once (on the way back it picks the page by path, finds the wrong stats page and shows none),
 * so there a breadcrumb goes back one page at a time: each stats page that shows takes the next
 * step (StatsPage's useDidShow). WeChat goes back `delta` pages in one call.
 */
let backSteps = 0

function goBack(levels: number): void {
  if (process.env.TARO_ENV === 'h5' && levels > 1) {
    backSteps = levels - 1
    void Taro.navigateBack({ delta: 1 })
  } else void Taro.navigateBack({ delta: levels })
}

const valueText = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '—' : `${value} ${unit}`)

/** A breakdown (各街道 · 各社区 · 各单位): the table sorted by a tapped header, and a bar per row for the figure sorted by. */
function BreakdownSection({ breakdown, columns, onOpen }: { breakdown: Breakdown; columns: Dashboard['columns']; onOpen: (row: StatsRow) => void }) {
  // At first by the first column, most first: its ▼ is in sight, which shows that a header sorts.
  const first = columns[0]?.key ?? 'members'
  const [sort, setSort] = useState<SortState>({ key: first, dir: 'desc' })
  // Sorted by name, the bars keep showing the figure chosen before.
  const [figure, setFigure] = useState<FigureKey>(first)
  const rows = sortRows(breakdown.rows, sort.key, sort.dir)
  const { label, unit } = FIGURES[figure]
  const bars: BarItem[] = rows.map((r) => ({ id: r.id, label: r.name, value: r.values[figure] ?? null, text: valueText(r.values[figure], unit) }))
  return (
    <View className='stats-page__breakdown' data-testid='breakdown' data-level={breakdown.level}>
      <Text className='stats-page__section'>{breakdown.title}</Text>
      <Text className='stats-page__hint'>点表头排序，左右滑动看全部{breakdown.rows.some((r) => r.drill) ? '；点一行查看它的统计' : ''}</Text>
      <StatsTable
        caption={`${breakdown.title}统计`}
        nameLabel={breakdown.title.replace(/^各/, '')}
        columns={columns}
        rows={rows}
        sort={sort}
        onSort={(key) => {
          setSort(nextSort(sort, key))
          if (key !== 'name') setFigure(key)
        }}
        onOpen={onOpen}
        testId={`breakdown-table-${breakdown.level}`}
      />
      <BarList title={`${breakdown.title}${label}`} items={bars} testId={`breakdown-bars-${breakdown.level}`} />
    </View>
  )
}

/** The last six months of one figure, chosen among TREND_KEYS. */
function Trend({ trend }: { trend: Dashboard['trend'] }) {
  const [figure, setFigure] = useState<FigureKey>(TREND_KEYS[0])
  const { label, unit } = FIGURES[figure]
  const items: BarItem[] = trend.map((p) => ({ id: p.month, label: p.label, value: p.values[figure] ?? null, text: valueText(p.values[figure], unit) }))
  return (
    <View className='stats-page__trend' data-testid='trend'>
      <Text className='stats-page__section'>近6个月趋势</Text>
      <View className='stats-page__chips' role='tablist'>
        {TREND_KEYS.map((k) => (
          <View key={k} className={`stats-page__chip${k === figure ? ' stats-page__chip--on' : ''}`} role='tab' aria-selected={k === figure} data-testid='trend-figure' data-key={k} onClick={() => setFigure(k)}>
            {FIGURES[k].label}
          </View>
        ))}
      </View>
      <ColumnChart title={`近6个月${label}（${unit}）`} items={items} testId='trend-chart' />
    </View>
  )
}

function Board({ data, period, depth, scopeParam, updating }: { data: Dashboard; period: PeriodKind; depth: number; scopeParam: string | undefined; updating: boolean }) {
  const { scope, path } = data
  const goUp = (index: number) => {
    const levels = path.length - 1 - index
    if (levels <= 0) return
    // Drilled down from there: back through the pages in between; opened otherwise: that scope's page instead of this one.
    if (levels <= depth) goBack(levels)
    else replacePage('stats', { scopeId: path[index].id, period })
  }
  const open = (row: StatsRow) => openPage('stats', { scopeId: row.id, period, depth: String(depth + 1) })
  const reportsHere = scope.level === 'county' || scope.level === 'street'
  return (
    <View data-testid='stats-board' data-scope={scope.id} data-period={data.period}>
      <View className='stats-page__head'>
        <Text className='stats-page__title' data-testid='stats-title'>{`${scope.name} · 统计`}</Text>
        <Text className='stats-page__sub'>{`${scope.levelLabel}级 · ${data.periodLabel}`}</Text>
        <Text className='stats-page__sub' data-testid='stats-as-of'>
          {asOfText(data.asOf)}
        </Text>
      </View>
      {path.length > 1 && (
        <View className='stats-page__crumbs' data-testid='stats-breadcrumbs' role='navigation' aria-label='统计范围'>
          {path.map((c, i) => {
            const last = i === path.length - 1
            return (
              <View key={c.id} className='stats-page__crumb-wrap'>
                {i > 0 && <Text className='stats-page__crumb-sep'>›</Text>}
                {last ? (
                  <Text className='stats-page__crumb stats-page__crumb--current' data-testid='stats-crumb' data-id={c.id} aria-current='page'>
                    {c.name}
                  </Text>
                ) : (
                  <View className='stats-page__crumb' hoverClass='stats-page__crumb--pressed' data-testid='stats-crumb' data-id={c.id} onClick={() => goUp(i)}>
                    {c.name}
                  </View>
                )}
              </View>
            )
          })}
        </View>
      )}
      {updating && (
        <Text className='stats-page__updating' data-testid='stats-updating' aria-live='polite'>
          正在更新…
        </Text>
      )}
      <FigureCards figures={data.figures} />
      {data.breakdowns.map((b) => (
        <BreakdownSection key={`${scope.id}:${b.level}`} breakdown={b} columns={data.columns} onOpen={open} />
      ))}
      <Trend trend={data.trend} />
      <View className='stats-page__actions'>
        <ExportButton list='stats.dashboard' run={() => exportDashboard(scopeParam ?? scope.id, period)} />
        {reportsHere && (
          <View className='stats-page__link' hoverClass='stats-page__link--pressed' data-testid='stats-reports' onClick={() => openPage('statsReports', { scopeId: scope.id })}>
            进度通报 ›
          </View>
        )}
      </View>
    </View>
  )
}

/**
 * 全县统计 · 全街道统计 · 本社区统计 · 本单位统计: the figures of a scope (the caller's widest,
 * or `scopeId`) for 本月 / 本季度 / 本年, one level down in sortable tables with a bar per row, the
 * 6-month trend, 导出 Excel, and 进度通报 for a county or street. A row opens the same page for
 * that place (`depth` counts the pages drilled, so a breadcrumb goes back through them).
 */
export default function StatsPage() {
  const params = usePageParams()
  const scopeParam = params.scopeId || undefined
  const depth = Number(params.depth) || 0
  const [period, setPeriod] = useState<PeriodKind>(isPeriod(params.period) ? params.period : 'month')
  const dashboard = useDashboard(scopeParam, period)
  const data = dashboard.data
  const name = data?.scope.name

  useDidShow(() => {
    if (backSteps > 0) {
      backSteps--
      void Taro.navigateBack({ delta: 1 })
    }
  })

  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name} · 统计` }).catch(() => undefined)
  }, [name])

  return (
    <Page className='page stats-page' data-testid='page-stats'>
      <View className='stats-page__periods' role='tablist' aria-label='统计周期'>
        {PERIOD_KINDS.map((p) => (
          <View key={p} className={`stats-page__period${p === period ? ' stats-page__period--on' : ''}`} role='tab' aria-selected={p === period} data-testid='stats-period' data-period={p} onClick={() => setPeriod(p)}>
            {PERIOD_LABELS[p]}
          </View>
        ))}
      </View>
      {data ? (
        <Board data={data} period={period} depth={depth} scopeParam={scopeParam} updating={dashboard.loading} />
      ) : (
        <LoadPanel error={dashboard.error} onRetry={() => void dashboard.reload()} />
      )}
      {/* A refusal or failure after figures were shown (another period): said under them, with 重试. */}
      {data && dashboard.error && <LoadPanel error={dashboard.error} onRetry={() => void dashboard.reload()} />}
    </Page>
  )
}
