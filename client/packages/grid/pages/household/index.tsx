import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { HouseholdDetail, VisitView } from '@domain/api/households'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { VisitCard } from '@/components/VisitCard/VisitCard'
import { useHousehold } from '@/hooks/useHouseholds'
import { usePageParams } from '@/hooks/usePageParams'
import { openPage } from '@/navigation'
import { formatChinaTime } from '@/utils/time'
import '../grid.scss'

/**
 * A need becomes a wish or an order in one tap: the form opens on this household (its building
 * chosen, its door filled), the need's words as the description, and the visit and need it came
 * from, so the form tells the visit the new wish's or order's id once it exists (`linkNeed`).
 */
export function followUp(h: Pick<HouseholdDetail, 'id' | 'communityId' | 'buildingId' | 'buildingName' | 'door'>, kind: 'wish' | 'order', visit: VisitView, index: number) {
  const query = { householdId: h.id, buildingId: h.buildingId, buildingName: h.buildingName, door: h.door, visitId: visit.id, need: String(index), text: visit.needs[index]?.text }
  if (kind === 'order') openPage('orderNew', { communityId: h.communityId, ...query })
  else openPage('wishIntake', query)
}

/** 住户: the household's residents (names and phones whole: only those allowed get here), its visits, 记录走访. */
export default function HouseholdPage() {
  const { id } = usePageParams()
  const household = useHousehold(id || null)
  // Back from 转为心愿 / 转为点单 or the edit form: the visit's link and the residents as they are now.
  useDidShow(() => void household.reload())
  const h = household.data
  if (!h)
    return (
      <Page className='page grid-page' data-testid='page-household'>
        <LoadPanel error={household.error} onRetry={() => void household.reload()} />
      </Page>
    )
  return (
    <Page className='page grid-page' data-testid='page-household' data-id={h.id}>
      <View className='grid-page__head'>
        <Text className='grid-page__title'>
          {h.buildingName} {h.door}
        </Text>
        <Text className='grid-page__sub' data-testid='household-visit-state' data-overdue={String(h.overdue)}>
          {h.lastVisitAt ? `上次走访 ${formatChinaTime(h.lastVisitAt, 'YYYY-MM-DD')}` : '还没有走访记录'}
          {h.overdue ? '，已逾期' : h.visitDueAt ? `，${formatChinaTime(h.visitDueAt, 'YYYY-MM-DD')}前再访` : ''}
        </Text>
      </View>
      <View className='grid-page__section'>
        <Text className='grid-page__label'>居民（{h.residents.length}人）</Text>
        {h.residents.map((r) => (
          <View key={r.id} className='grid-page__resident' data-testid='household-resident'>
            <Text>
              {r.name}
              {r.birthYear ? `（${r.birthYear}年生）` : ''}
            </Text>
            {r.tagLabels.length > 0 && <Text className='grid-page__meta'>{r.tagLabels.join(' · ')}</Text>}
            {r.phone && <Text className='grid-page__meta'>电话：{r.phone}</Text>}
            {r.note && <Text className='grid-page__meta'>备注：{r.note}</Text>}
          </View>
        ))}
      </View>
      {h.canEdit && (
        <View className='grid-page__chips'>
          <View className='grid-page__link' data-testid='household-edit' onClick={() => openPage('householdEdit', { id: h.id })}>
            编辑住户信息 ›
          </View>
          <View className='grid-page__link' data-testid='household-rules' onClick={() => openPage('visitRules', { communityId: h.communityId })}>
            走访周期 ›
          </View>
        </View>
      )}
      {h.canVisit && (
        <View className='grid-page__primary' hoverClass='grid-page__primary--pressed' data-testid='household-visit' onClick={() => openPage('visitNew', { householdId: h.id, label: `${h.buildingName} ${h.door}` })}>
          记录这次走访
        </View>
      )}
      <View className='grid-page__section'>
        <Text className='grid-page__label'>走访记录</Text>
        {h.visits.length === 0 ? <Text className='grid-page__text'>还没有走访记录。</Text> : h.visits.map((v) => <VisitCard key={v.id} visit={v} onFollowUp={(kind, i) => followUp(h, kind, v, i)} />)}
      </View>
    </Page>
  )
}
