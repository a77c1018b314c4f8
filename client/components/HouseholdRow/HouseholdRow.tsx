import { Text, View } from '@tarojs/components'
import type { HouseholdRow as Row } from '@domain/api/households'
import { formatChinaTime } from '@/utils/time'
import './HouseholdRow.scss'

/** One door in a list: masked names, the tags, the last visit and, in words, whether a visit is overdue. */
export function HouseholdRow({ row, onOpen }: { row: Row; onOpen: (id: string) => void }) {
  return (
    <View className={`household-row${row.overdue ? ' household-row--overdue' : ''}`} hoverClass='household-row--pressed' data-testid='household-row' data-id={row.id} data-overdue={String(row.overdue)} onClick={() => onOpen(row.id)}>
      <View className='household-row__main'>
        <Text className='household-row__door'>
          {row.buildingName} {row.door}
        </Text>
        <Text className='household-row__who' data-testid='household-headline'>
          {row.headline}
        </Text>
        {row.tagLabels.length > 0 && <Text className='household-row__tags'>{row.tagLabels.join(' · ')}</Text>}
        <Text className='household-row__visit'>
          {row.lastVisitAt ? `上次走访 ${formatChinaTime(row.lastVisitAt, 'YYYY-MM-DD')}` : '还没有走访记录'}
          {row.overdue ? '（已逾期，请尽快走访）' : row.visitDueAt ? `，${formatChinaTime(row.visitDueAt, 'MM-DD')}前再访` : ''}
        </Text>
      </View>
      <Text className='household-row__arrow'>›</Text>
    </View>
  )
}
