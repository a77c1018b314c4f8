import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { validate } from '@domain/api/contract'
import { wishSettingsInput, type WishSettingsView } from '@domain/api/wishes'
import { WISH_SETTING_BOUNDS, type WishSettingField, type WishSettings } from '@domain/wishes'
import { fieldMessages, fieldMessagesOf, toApiError } from '@/services/ApiError'
import { formatChinaTime } from '@/utils/time'
import { NumberStepper, parseTyped } from '@/components/NumberStepper/NumberStepper'
import './WishSettingsForm.scss'

type Draft = Record<WishSettingField, string>
type Errors = Partial<Record<WishSettingField, string>>

const FIELDS: { field: WishSettingField; title: string; unit: string; hint: string }[] = [
  { field: 'claimReleaseDays', title: '认领后几天内未送达，自动释放', unit: '天', hint: '可填 1–90 天。只对以后点亮的心愿生效，已点亮的按点亮时的期限。' },
  { field: 'hoursPerWish', title: '每完成一个心愿，党员记服务时长', unit: '小时', hint: '可填 0.5–24 小时，以半小时为单位。发布时单独填写的时长优先。' },
]

const toDraft = (s: WishSettings): Draft => ({ claimReleaseDays: String(s.claimReleaseDays), hoursPerWish: String(s.hoursPerWish) })

const fromDraft = (d: Draft): WishSettings => ({ claimReleaseDays: parseTyped(d.claimReleaseDays), hoursPerWish: parseTyped(d.hoursPerWish) })

/** Field messages of the fields this form shows (`claimReleaseDays`, or `settings.claimReleaseDays` from the function). */
function shownErrors(messages: Partial<Record<string, string>>): Errors {
  const out: Errors = {}
  for (const field of Object.keys(WISH_SETTING_BOUNDS) as WishSettingField[]) if (messages[field]) out[field] = messages[field]
  return out
}

/** Who set them and when, or that the defaults apply. */
export function wishSettingsSource(view: WishSettingsView): string {
  if (view.isDefault || !view.updatedAt) return `${view.community.name}尚未设置，使用默认设置`
  return `${view.community.name}${view.updatedByName ? ` · ${view.updatedByName}` : ''} 于 ${formatChinaTime(view.updatedAt)} 设置`
}

export interface WishSettingsFormProps {
  view: WishSettingsView
  /** Saves with the version read; answers the settings now in force. */
  onSave: (settings: WishSettings, version: number) => Promise<WishSettingsView & { changed: boolean }>
  /** After a save: the page shows the new source line. */
  onSaved?: (view: WishSettingsView) => void
}

/** 心愿设置: two big steppers (days, hours), checked with the shared schema before sending, 保存. */
export function WishSettingsForm({ view, onSave, onSaved }: WishSettingsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.settings))
  const [version, setVersion] = useState(view.version)
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)

  const set = (field: WishSettingField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setErrors((e) => {
      const next = { ...e }
      delete next[field]
      return next
    })
  }

  const save = async () => {
    if (saving) return
    const settings = fromDraft(draft)
    const checked = validate(wishSettingsInput, settings)
    if (!checked.ok) {
      setErrors(shownErrors(fieldMessages(checked.issues, 'settings.')))
      void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none', duration: 2500 })
      return
    }
    setErrors({})
    setSaving(true)
    try {
      const saved = await onSave(checked.value, version)
      setDraft(toDraft(saved.settings))
      setVersion(saved.version)
      onSaved?.(saved)
      void Taro.showToast({ title: saved.changed ? '已保存' : '没有改动', icon: saved.changed ? 'success' : 'none', duration: 2000 })
    } catch (e) {
      const apiError = toApiError(e)
      setErrors(shownErrors(fieldMessagesOf(apiError, 'settings.')))
      void Taro.showToast({ title: apiError.message, icon: 'none', duration: 3000 })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='wish-settings' data-testid='wish-settings-form'>
      {FIELDS.map(({ field, title, unit, hint }) => {
        const b = WISH_SETTING_BOUNDS[field]
        return (
          <View key={field} className='wish-settings__field' data-testid={`wish-setting-${field}`}>
            <Text className='wish-settings__label'>{title}</Text>
            <NumberStepper testId={`wish-setting-${field}`} label={title} value={draft[field]} bounds={b} type='digit' unit={unit} onChange={(text) => set(field, text)} />
            <Text className='wish-settings__hint'>{hint}</Text>
            {errors[field] ? (
              <Text className='wish-settings__error' data-testid={`wish-setting-${field}-error`}>
                {errors[field]}
              </Text>
            ) : null}
          </View>
        )
      })}
      <View className={`wish-settings__save${saving ? ' wish-settings__save--busy' : ''}`} hoverClass='wish-settings__save--pressed' data-testid='wish-settings-save' onClick={() => void save()}>
        {saving ? '正在保存…' : '保存'}
      </View>
    </View>
  )
}
