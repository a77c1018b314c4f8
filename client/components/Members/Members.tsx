import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { BuildingCount, MemberRow, PairedUnit } from '@domain/api'
import { isRejected } from '@domain/registration'
import { toApiError } from '@/services/ApiError'
import './Members.scss'

const NO_BUILDING = '未填写楼栋'

function placeOf(row: Pick<MemberRow, 'compoundName' | 'buildingName'>): string {
  if (!row.buildingName) return NO_BUILDING
  return row.compoundName && !row.buildingName.startsWith(row.compoundName.replace(/小区$/, '')) ? `${row.compoundName} ${row.buildingName}` : row.buildingName
}

/** One person: name, phone, where they live or which community they reported to, and 已报到/未报到. */
export function MemberItem({ row, show }: { row: MemberRow; show: 'community' | 'unit' }) {
  const back = !row.reported && isRejected(row.state)
  const badge = row.reported ? '已报到' : back ? '已退回' : '未报到'
  return (
    <View className='members__item' data-testid='member-item' data-id={row.id}>
      <View className='members__line'>
        <Text className='members__name'>{row.name}</Text>
        <Text className={`members__badge members__badge--${row.reported ? 'done' : back ? 'back' : 'todo'}`} data-testid='member-badge'>
          {badge}
        </Text>
      </View>
      <Text className='members__phone' data-testid='member-phone'>
        {row.phone}
      </Text>
      <Text className='members__meta'>{show === 'unit' ? `报到社区：${row.communityName}` : `${row.unitName} · ${placeOf(row)}`}</Text>
    </View>
  )
}

/** A community's members under a heading per building, with the building's count. */
export function BuildingGroups({ items, buildings }: { items: readonly MemberRow[]; buildings: readonly BuildingCount[] }) {
  if (items.length === 0) return <Text className='members__empty' data-testid='members-empty'>还没有已报到的党员</Text>
  const groups: { key: string; title: string; count: number; rows: MemberRow[] }[] = []
  for (const row of items) {
    const key = row.buildingId ?? ''
    let g = groups.find((x) => x.key === key)
    if (!g) {
      const count = buildings.find((b) => (b.buildingId ?? '') === key)?.count ?? 0
      g = { key, title: placeOf(row), count, rows: [] }
      groups.push(g)
    }
    g.rows.push(row)
  }
  return (
    <View>
      {groups.map((g) => (
        <View key={g.key} className='members__group' data-testid='members-group' data-building={g.key}>
          <Text className='members__group-title' data-testid='members-group-title'>
            {g.title}（{g.count}人）
          </Text>
          {g.rows.map((row) => (
            <MemberItem key={row.id} row={row} show='community' />
          ))}
        </View>
      ))}
    </View>
  )
}

/** Units paired with the community and how many of their members have reported here. */
export function PairedUnitList({ units }: { units: readonly PairedUnit[] }) {
  return (
    <View className='members__paired' data-testid='paired-units'>
      <Text className='members__section'>结对共建单位</Text>
      {units.length === 0 ? (
        <Text className='members__empty'>还没有结对单位</Text>
      ) : (
        units.map((u) => (
          <View key={u.id} className='members__unit' data-testid='paired-unit'>
            <Text className='members__name'>{u.name}</Text>
            <Text className='members__count' data-testid='paired-unit-count'>
              已报到 {u.registered} 人
            </Text>
          </View>
        ))
      )}
    </View>
  )
}

/** A big search box: name or phone fragment; shows the matches below it. */
export function MemberSearch({ show, onSearch }: { show: 'community' | 'unit'; onSearch: (q: string) => Promise<{ items: MemberRow[] }> }) {
  const [q, setQ] = useState('')
  const [state, setState] = useState<{ searching: boolean; items: MemberRow[] | null; error: string | null }>({ searching: false, items: null, error: null })

  const run = async () => {
    const text = q.trim()
    if (!text) {
      setState({ searching: false, items: null, error: '请输入姓名或手机号' })
      return
    }
    setState({ searching: true, items: null, error: null })
    try {
      const { items } = await onSearch(text)
      setState({ searching: false, items, error: null })
    } catch (e) {
      setState({ searching: false, items: null, error: toApiError(e).message })
    }
  }

  return (
    <View className='members__search' data-testid='member-search'>
      <View className='members__search-bar'>
        <Input
          className='members__search-input'
          data-testid='member-search-input'
          placeholder='输入姓名或手机号查找'
          maxlength={20}
          value={q}
          onInput={(e) => setQ(e.detail.value)}
        />
        <Button className='members__search-button' data-testid='member-search-button' onClick={() => void run()} disabled={state.searching}>
          {state.searching ? '查找中' : '查找'}
        </Button>
      </View>
      {state.error && (
        <Text className='members__error' data-testid='member-search-error'>
          {state.error}
        </Text>
      )}
      {state.items && (
        <View data-testid='member-search-results'>
          {state.items.length === 0 ? (
            <Text className='members__empty' data-testid='member-search-none'>
              没有找到「{q.trim()}」
            </Text>
          ) : (
            state.items.map((row) => <MemberItem key={row.id} row={row} show={show} />)
          )}
        </View>
      )}
    </View>
  )
}
