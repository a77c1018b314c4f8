import { Text, View } from '@tarojs/components'
import './StatsBars.scss'

export interface BarItem {
  id: string
  /** What the bar is: a place's name, a month (`7月`). */
  label: string
  value: number | null
  /** The value as read out, with its unit: `12.5 小时`; `—` when not counted. */
  text: string
}

/** A bar's length in per cent of the largest value (0 for none; a value above 0 always shows a sliver). */
export function barPercent(value: number | null, max: number): number {
  if (value === null || value <= 0 || max <= 0) return 0
  return Math.max(2, Math.round((value / max) * 1000) / 10)
}

const maxOf = (items: readonly BarItem[]) => items.reduce((m, i) => Math.max(m, i.value ?? 0), 0)

/**
 * A bar per place, longest for the largest value, drawn with plain views (no canvas, no charting
 * library): each bar carries its name and value as text, so a screen reader reads it and it grows
 * with care mode like every other text.
 */
export function BarList({ title, items, testId = 'bar-list' }: { title: string; items: readonly BarItem[]; testId?: string }) {
  const max = maxOf(items)
  return (
    <View className='stats-bars' data-testid={testId}>
      <Text className='stats-bars__title' data-testid='bars-title'>
        {title}
      </Text>
      {items.map((item) => {
        const pct = barPercent(item.value, max)
        return (
          <View key={item.id} className='stats-bars__item' data-testid='bar' data-id={item.id} data-percent={String(pct)}>
            <View className='stats-bars__words'>
              <Text className='stats-bars__label'>{item.label}</Text>
              <Text className='stats-bars__value' data-testid='bar-value'>
                {item.text}
              </Text>
            </View>
            <View className='stats-bars__track'>
              <View className='stats-bars__fill' style={{ width: `${pct}%` }} />
            </View>
          </View>
        )
      })}
    </View>
  )
}

/**
 * Columns side by side (the 6-month trend), tallest for the largest value, each with its value
 * above and its month below, as text.
 */
export function ColumnChart({ title, items, testId = 'column-chart' }: { title: string; items: readonly BarItem[]; testId?: string }) {
  const max = maxOf(items)
  return (
    <View className='stats-columns' data-testid={testId}>
      <Text className='stats-bars__title' data-testid='columns-title'>
        {title}
      </Text>
      <View className='stats-columns__plot'>
        {items.map((item) => {
          const pct = barPercent(item.value, max)
          return (
            <View key={item.id} className='stats-columns__item' data-testid='column' data-id={item.id} data-percent={String(pct)}>
              <Text className='stats-columns__value' data-testid='column-value'>
                {item.text}
              </Text>
              <View className='stats-columns__track'>
                <View className='stats-columns__fill' style={{ height: `${pct}%` }} />
              </View>
              <Text className='stats-columns__label'>{item.label}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
