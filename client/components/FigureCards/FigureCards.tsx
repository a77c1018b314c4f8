import { Text, View } from '@tarojs/components'
import type { FigureKey } from '@domain/stats/dashboard'
import './FigureCards.scss'

export interface Figure {
  key: FigureKey
  label: string
  value: number | null
  unit: string
}

/** Why a figure shows "—": these two are counted from tallies kept per county and unit only (docs/statistics.md). */
const NOTE_WHEN_NULL: Partial<Record<FigureKey, string>> = {
  notMet: '按县、单位统计',
  unitsNoActivity: '按县、单位统计',
}

/** A figure in words (a summary line, a test): `开展活动 12 场`, `年度未达标党员 —（按县、单位统计）`. */
export function figureText(f: Figure): string {
  if (f.value === null) return `${f.label} —${NOTE_WHEN_NULL[f.key] ? `（${NOTE_WHEN_NULL[f.key]}）` : ''}`
  return `${f.label} ${f.value} ${f.unit}`
}

/**
 * The figures of a dashboard or a report as a grid of cards: the value large with its unit, the
 * label under it. A figure the scope cannot count shows "—" and, where it helps, why.
 */
export function FigureCards({ figures, testId = 'figures' }: { figures: readonly Figure[]; testId?: string }) {
  return (
    <View className='figure-cards' data-testid={testId}>
      {figures.map((f) => (
        <View key={f.key} className='figure-cards__card' data-testid='figure' data-key={f.key} data-value={f.value === null ? '' : String(f.value)}>
          <View className='figure-cards__number'>
            <Text className='figure-cards__value' data-testid='figure-value'>
              {f.value === null ? '—' : String(f.value)}
            </Text>
            {f.value !== null && <Text className='figure-cards__unit'>{f.unit}</Text>}
          </View>
          <Text className='figure-cards__label'>{f.label}</Text>
          {f.value === null && NOTE_WHEN_NULL[f.key] && (
            <Text className='figure-cards__note' data-testid='figure-note'>
              {NOTE_WHEN_NULL[f.key]}
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
