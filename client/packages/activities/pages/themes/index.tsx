import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { chinaWallClock } from '@domain/time'
import { ActivitySettingsForm, ActivitySettingsSummary } from '@/components/ActivitySettingsForm/ActivitySettingsForm'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { ThemeMenu, YearSwitcher } from '@/components/ThemeMenu/ThemeMenu'
import { useActivitySettings, useThemes } from '@/hooks/useHours'
import { setActivitySettings, setTheme } from '@/services/activities'
import './index.scss'

/** This month in China, whatever the phone's time zone. */
function chinaNow(): { year: number; month: number } {
  const wall = chinaWallClock(new Date())
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1 }
}

/**
 * 主题月活动: the county's theme for each month of a year and, below, how activity hours are
 * counted and what each star takes. County admins change both; everyone else in the county reads
 * them. The function decides who may (`canEdit`); this page only asks.
 */
export default function ThemesPage() {
  const [now] = useState(chinaNow)
  const [year, setYear] = useState(now.year)
  const themes = useThemes(year)
  const settings = useActivitySettings()
  const menu = themes.data && themes.data.year === year ? themes.data : null
  const county = menu?.county ?? settings.data?.county

  const s = settings.data
  let settingsBody
  if (!s) settingsBody = <LoadPanel error={settings.error} onRetry={() => void settings.reload()} />
  else if (s.canEdit)
    settingsBody = (
      <ActivitySettingsForm
        key={`${s.county.id}:${s.version}`}
        view={s}
        onSave={(next, version) => setActivitySettings(s.county.id, version, next)}
        onSaved={settings.set}
        onReload={() => void settings.reload()}
      />
    )
  else settingsBody = <ActivitySettingsSummary view={s} />

  return (
    <Page className='page themes-page' data-testid='page-activity-themes' data-year={String(year)}>
      <View className='themes-page__head'>
        <Text className='themes-page__title'>主题月活动</Text>
        {county ? (
          <Text className='themes-page__county' data-testid='themes-county'>
            {county.name}
          </Text>
        ) : null}
        <Text className='themes-page__lead'>每个月的活动主题，组织活动时可以选用。</Text>
      </View>
      <YearSwitcher year={year} onChange={setYear} />
      {menu ? (
        <ThemeMenu
          view={menu}
          now={now}
          onSave={async (month, title, description) => {
            const next = await setTheme({ countyId: menu.county.id, year: menu.year, month, title, description })
            themes.set(next)
            return next
          }}
        />
      ) : (
        <LoadPanel error={themes.error} onRetry={() => void themes.reload()} />
      )}
      <View className='themes-page__settings' data-testid='themes-settings'>
        <Text className='themes-page__section'>时长折算和星级标准</Text>
        {s?.isDefault ? (
          <Text className='themes-page__note' data-testid='act-settings-source'>
            {s.county.name}尚未设置，使用默认标准
          </Text>
        ) : null}
        {settingsBody}
      </View>
    </Page>
  )
}
