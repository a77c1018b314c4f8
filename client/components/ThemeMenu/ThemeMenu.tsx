import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { validate } from '@domain/api/contract'
import { activitiesArea, type ThemesView, type ThemeView } from '@domain/api/activities'
import { fieldMessages, fieldMessagesOf, messageOf, toApiError } from '@/services/ApiError'
import { textOf } from '@/components/WishIntake/textOf'
import './ThemeMenu.scss'

export const THEME_TITLE_MAX = 30
export const THEME_DESCRIPTION_MAX = 200
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

type Field = 'title' | 'description'

export interface ThemeMenuProps {
  view: ThemesView
  /** The month it is now in China (`{ year, month }`), marked 本月 in words. */
  now: { year: number; month: number }
  /** County admins: saves one month's theme and answers the menu as it now is. */
  onSave?: (month: number, title: string, description: string) => Promise<ThemesView>
}

/**
 * 主题月活动: the twelve months of the year, each with its theme or 未设置; a county admin sets or
 * changes a month in place (one open at a time), everyone else reads.
 */
export function ThemeMenu({ view, now, onSave }: ThemeMenuProps) {
  const [editing, setEditing] = useState<number | null>(null)
  const byMonth = new Map(view.months.map((t) => [t.month, t]))
  const editable = view.canEdit && !!onSave

  return (
    <View className='theme-menu' data-testid='theme-menu' data-year={String(view.year)} data-editable={String(editable)}>
      {MONTHS.map((month) => {
        const theme = byMonth.get(month)
        const current = view.year === now.year && month === now.month
        return (
          <View key={month} className={`theme-menu__month${current ? ' theme-menu__month--current' : ''}`} data-testid='theme-month' data-month={String(month)} data-set={String(!!theme)}>
            <View className='theme-menu__row'>
              <Text className='theme-menu__name'>
                {month}月{current ? '（本月）' : ''}
              </Text>
              {editable && editing !== month ? (
                <View className='theme-menu__edit' hoverClass='theme-menu__edit--pressed' data-testid='theme-edit' onClick={() => setEditing(month)}>
                  {theme ? '修改' : '设置主题'}
                </View>
              ) : null}
            </View>
            {theme ? (
              <>
                <Text className='theme-menu__title' data-testid='theme-month-title'>
                  {theme.title}
                </Text>
                {theme.description ? (
                  <Text className='theme-menu__description' data-testid='theme-month-description'>
                    {theme.description}
                  </Text>
                ) : null}
              </>
            ) : (
              <Text className='theme-menu__unset' data-testid='theme-month-title'>
                未设置
              </Text>
            )}
            {editable && editing === month ? (
              <ThemeForm
                countyId={view.county.id}
                year={view.year}
                month={month}
                theme={theme}
                onCancel={() => setEditing(null)}
                onSave={async (title, description) => {
                  await onSave!(month, title, description)
                  setEditing(null)
                }}
              />
            ) : null}
          </View>
        )
      })}
    </View>
  )
}

interface ThemeFormProps {
  countyId: string
  year: number
  month: number
  theme: ThemeView | undefined
  onSave: (title: string, description: string) => Promise<void>
  onCancel: () => void
}

/** One month's theme: checked with the shared schema first, so the message sits under its field. */
function ThemeForm({ countyId, year, month, theme, onSave, onCancel }: ThemeFormProps) {
  const [title, setTitle] = useState(theme?.title ?? '')
  const [description, setDescription] = useState(theme?.description ?? '')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    if (saving) return
    setProblem(null)
    const checked = validate(activitiesArea.actions.setTheme.input, { countyId, year, month, title, description })
    if (!checked.ok) {
      setErrors(fieldMessages(checked.issues))
      return
    }
    setErrors({})
    setSaving(true)
    try {
      await onSave(checked.value.title, checked.value.description)
      void Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 })
    } catch (e) {
      const fields = fieldMessagesOf(e)
      setErrors({ title: fields.title, description: fields.description })
      if (!fields.title && !fields.description) setProblem({ code: toApiError(e).code, message: messageOf(e) })
    } finally {
      setSaving(false)
    }
  }

  const fieldError = (f: Field) =>
    errors[f] ? (
      <Text className='theme-menu__error' data-testid={`theme-${f}-error`}>
        {errors[f]}
      </Text>
    ) : null

  return (
    <View className='theme-menu__form' data-testid='theme-form' data-month={String(month)}>
      <View className='theme-menu__field'>
        <Text className='theme-menu__label'>{month}月主题（2–{THEME_TITLE_MAX}个字）</Text>
        <Input
          className={`theme-menu__input${errors.title ? ' theme-menu__input--error' : ''}`}
          data-testid='theme-title'
          value={title}
          maxlength={THEME_TITLE_MAX}
          placeholder='例如：学雷锋志愿服务月'
          onInput={(e) => setTitle(textOf(e))}
          nativeProps={{ 'aria-label': `${month}月主题` }}
        />
        {fieldError('title')}
      </View>
      <View className='theme-menu__field'>
        <Text className='theme-menu__label'>说明（可不填，最多{THEME_DESCRIPTION_MAX}个字）</Text>
        <Textarea
          className='theme-menu__textarea'
          data-testid='theme-description'
          value={description}
          maxlength={THEME_DESCRIPTION_MAX}
          placeholder='这个月的活动方向、建议的服务内容'
          onInput={(e) => setDescription(textOf(e))}
          nativeProps={{ 'aria-label': `${month}月主题说明` }}
        />
        {fieldError('description')}
      </View>
      {problem ? (
        <Text className='theme-menu__error' data-testid='theme-error' data-code={problem.code}>
          {problem.message}
        </Text>
      ) : null}
      <View className='theme-menu__buttons'>
        <View className='theme-menu__cancel' hoverClass='theme-menu__cancel--pressed' data-testid='theme-cancel' onClick={onCancel}>
          取消
        </View>
        <View className={`theme-menu__save${saving ? ' theme-menu__save--busy' : ''}`} hoverClass='theme-menu__save--pressed' data-testid='theme-save' onClick={() => void save()}>
          {saving ? '正在保存…' : '保存'}
        </View>
      </View>
    </View>
  )
}

export interface YearSwitcherProps {
  year: number
  onChange: (year: number) => void
  min?: number
  max?: number
}

/** 上一年 · 2026年 · 下一年: big buttons, greyed out and saying so at the ends. */
export function YearSwitcher({ year, onChange, min = 2020, max = 2100 }: YearSwitcherProps) {
  const button = (testId: string, label: string, target: number) => {
    const off = target < min || target > max
    return (
      <View
        className={`year-switcher__button${off ? ' year-switcher__button--off' : ''}`}
        role='button'
        aria-disabled={off}
        hoverClass={off ? 'none' : 'year-switcher__button--pressed'}
        data-testid={testId}
        onClick={() => {
          if (!off) onChange(target)
        }}
      >
        {label}
      </View>
    )
  }
  return (
    <View className='year-switcher' data-testid='themes-year' data-year={String(year)}>
      {button('themes-prev', '‹ 上一年', year - 1)}
      <Text className='year-switcher__year'>{year}年</Text>
      {button('themes-next', '下一年 ›', year + 1)}
    </View>
  )
}
