import { Text, View } from '@tarojs/components'
import type { HouseholdImportSummary } from '@domain/householdImport'
import type { ImportRowError, ImportSummary } from '@domain/imports'
import './ImportReport.scss'

/** What either workbook adds: the county's (communities … members) or a community's households. */
export type AnyImportSummary = ImportSummary | HouseholdImportSummary

const SUMMARY_LINES: { key: keyof ImportSummary; label: string; unit: string }[] = [
  { key: 'communities', label: '新建社区', unit: '个' },
  { key: 'compounds', label: '新建小区', unit: '个' },
  { key: 'units', label: '新建单位', unit: '个' },
  { key: 'members', label: '导入党员', unit: '人' },
]

const HOUSEHOLD_LINES: { key: keyof HouseholdImportSummary; label: string; unit: string }[] = [
  { key: 'households', label: '新增住户', unit: '户' },
  { key: 'residents', label: '登记居民', unit: '人' },
]

/** What an import adds (or added), one line per kind, zeros included so nothing looks missing. */
export function ImportSummaryView({ title, summary }: { title: string; summary: AnyImportSummary }) {
  const lines = 'households' in summary ? HOUSEHOLD_LINES.map((l) => ({ ...l, count: summary[l.key] })) : SUMMARY_LINES.map((l) => ({ ...l, count: summary[l.key] }))
  return (
    <View className='import-summary' data-testid='import-summary'>
      <Text className='import-summary__title'>{title}</Text>
      {lines.map((l) => (
        <View key={l.key} className='import-summary__line' data-testid={`import-summary-${l.key}`}>
          <Text className='import-summary__label'>{l.label}</Text>
          <Text className='import-summary__count'>
            {l.count} {l.unit}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** Every bad row: where it is (sheet, row, column) and what is wrong, in the order of the workbook. */
export function ImportErrors({ message, errors, more = 0 }: { message: string; errors: ImportRowError[]; more?: number }) {
  return (
    <View className='import-errors' data-testid='import-errors'>
      <Text className='import-errors__message' data-testid='import-errors-message'>
        {message}
      </Text>
      <View className='import-errors__head'>
        <Text className='import-errors__where'>位置</Text>
        <Text className='import-errors__what'>问题</Text>
      </View>
      {errors.map((e, i) => (
        <View key={i} className='import-errors__row' data-testid='import-error' data-sheet={e.sheet} data-row={e.row}>
          <Text className='import-errors__where'>
            {e.sheet} 第{e.row}行{e.column ? `\n${e.column}` : ''}
          </Text>
          <Text className='import-errors__what'>{e.message}</Text>
        </View>
      ))}
      {more > 0 && (
        <Text className='import-errors__more' data-testid='import-errors-more'>
          另有 {more} 处错误未列出，请先改正以上各行后重新选择文件
        </Text>
      )}
    </View>
  )
}
