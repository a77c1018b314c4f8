import { ScrollView, Text, View, type ViewProps } from '@tarojs/components'
import type { FigureKey } from '@domain/stats/dashboard'
import './StatsTable.scss'

export interface StatsColumn {
  key: FigureKey
  label: string
  unit: string
}

export interface StatsRow {
  id: string
  name: string
  /** Has a dashboard of its own to open (a tap on the row opens it). */
  drill?: boolean
  /** Its place in a ranking (进度通报), shown in a first column. */
  rank?: number
  values: Partial<Record<FigureKey, number | null>>
}

export type SortKey = FigureKey | 'name'
export type SortDir = 'asc' | 'desc'
export interface SortState {
  key: SortKey
  dir: SortDir
}

/** What a tap on a header does: the same column turns its direction round; another starts with the most first (names A→Z). */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'desc' ? 'asc' : 'desc' }
  return { key, dir: key === 'name' ? 'asc' : 'desc' }
}

const ARROW: Record<SortDir, string> = { desc: '▼', asc: '▲' }
const SPOKEN: Record<SortDir, string> = { desc: '从高到低', asc: '从低到高' }
const ARIA: Record<SortDir, 'descending' | 'ascending'> = { desc: 'descending', asc: 'ascending' }

// Taro's View types have no tabIndex, but the h5 build passes it on: the table takes keyboard focus,
// so its sideways scroll is reachable without a finger (axe: scrollable-region-focusable). WeChat ignores it.
const focusable = { tabIndex: 0 } as Pick<ViewProps, 'role'>

export const cellText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v))

export interface StatsTableProps {
  /** What the table is, for a screen reader: 各街道统计, 社区排名. */
  caption: string
  /** The first column's header: 名称, 社区, 单位. */
  nameLabel: string
  columns: readonly StatsColumn[]
  /** In the order shown (the caller sorts: it draws the bars in the same order). */
  rows: readonly StatsRow[]
  /** The column sorted by and its direction, shown in its header; with onSort a header tap sorts. */
  sort?: SortState
  onSort?: (key: SortKey) => void
  /** A tap on a row that can be opened. */
  onOpen?: (row: StatsRow) => void
  testId?: string
}

/**
 * A table of figures per place, scrolled sideways (ten columns do not fit a phone). Headers are
 * big tap targets that sort (the direction shown as ▼/▲ and in words, never by colour alone); a
 * row that has its own dashboard ends with › and opens it.
 */
export function StatsTable({ caption, nameLabel, columns, rows, sort, onSort, onOpen, testId = 'stats-table' }: StatsTableProps) {
  const ranked = rows.some((r) => r.rank !== undefined)
  const header = (key: SortKey, label: string, unit: string, extra: string) => {
    const sorted = sort?.key === key
    return (
      <View
        key={key}
        className={`stats-table__head ${extra}${sorted ? ' stats-table__head--sorted' : ''}${onSort ? ' stats-table__head--tap' : ''}`}
        hoverClass={onSort ? 'stats-table__head--pressed' : 'none'}
        role='columnheader'
        aria-sort={sorted && sort ? ARIA[sort.dir] : undefined}
        data-testid='stats-head'
        data-key={key}
        data-sorted={sorted && sort ? sort.dir : ''}
        onClick={onSort ? () => onSort(key) : undefined}
      >
        <Text className='stats-table__head-label'>{label}</Text>
        {unit && <Text className='stats-table__head-unit'>{`（${unit}）`}</Text>}
        {sorted && sort && (
          <Text className='stats-table__arrow' data-testid='stats-sort-dir'>
            {`${ARROW[sort.dir]} ${SPOKEN[sort.dir]}`}
          </Text>
        )}
      </View>
    )
  }
  return (
    <ScrollView className='stats-table' scrollX>
      <View className='stats-table__grid' role='table' aria-label={caption} data-testid={testId} {...focusable}>
        <View className='stats-table__row stats-table__row--head' role='row'>
          {ranked && (
            <View className='stats-table__head stats-table__rank' role='columnheader'>
              <Text className='stats-table__head-label'>名次</Text>
            </View>
          )}
          {header('name', nameLabel, '', 'stats-table__name')}
          {columns.map((c) => header(c.key, c.label, c.unit, 'stats-table__value'))}
        </View>
        {rows.map((row) => {
          const open = row.drill && onOpen ? () => onOpen(row) : undefined
          return (
            <View
              key={row.id}
              className={`stats-table__row${open ? ' stats-table__row--open' : ''}`}
              hoverClass={open ? 'stats-table__row--pressed' : 'none'}
              role='row'
              data-testid='stats-row'
              data-id={row.id}
              data-drill={open ? 'true' : 'false'}
              onClick={open}
            >
              {ranked && (
                <View className='stats-table__cell stats-table__rank' role='cell' data-testid='stats-rank'>
                  {row.rank === undefined ? '' : String(row.rank)}
                </View>
              )}
              <View className='stats-table__cell stats-table__name' role='rowheader' data-testid='stats-row-name'>
                {open ? `${row.name} ›` : row.name}
              </View>
              {columns.map((c) => (
                <View key={c.key} className={`stats-table__cell stats-table__value${sort?.key === c.key ? ' stats-table__cell--sorted' : ''}`} role='cell' data-testid='stats-cell' data-key={c.key}>
                  {cellText(row.values[c.key])}
                </View>
              ))}
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}
