import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { OrderTimeSettings } from '@domain/api/orders'
import { DEFAULT_ORDER_SETTINGS, SETTING_HOURS_MAX } from '@domain/orders'
import { textOf } from '@/components/WishIntake/textOf'
import './OrderSettingsForm.scss'

type HourKey = 'acceptHours' | 'dispatchHours' | 'claimHours' | 'finishHours'
type Key = HourKey | 'urgentScale'

/** Each limit in the words of the person it waits on (docs/orders.md, time limits). */
export const SETTING_FIELDS: ReadonlyArray<{ key: Key; label: string; hint: string; unit: string }> = [
  { key: 'acceptHours', label: '接单时限', hint: '居民点单后，社区多久内接单（投诉也按这个时限处理）', unit: '小时' },
  { key: 'dispatchHours', label: '派单时限', hint: '接单后，多久内派给党员、单位或放入领单池', unit: '小时' },
  { key: 'claimHours', label: '领单时限', hint: '派单或放入领单池后，多久内要有人接', unit: '小时' },
  { key: 'finishHours', label: '完成时限', hint: '过了居民希望的时间（或领单之后）多久内完成', unit: '小时' },
  { key: 'urgentScale', label: '紧急单系数', hint: '紧急的服务单，以上每个时限乘以这个数（0.1到1）', unit: '倍' },
]

export const URGENT_SCALE_MIN = 0.1

/**
 * Checks each field on its own, so the message names the field that is wrong (the function's
 * one ORDER.SETTINGS_INVALID covers them all). The same bounds as domain checkTimeSettings.
 */
export function settingsProblems(text: Record<Key, string>): { settings: OrderTimeSettings | null; errors: Partial<Record<Key, string>> } {
  const errors: Partial<Record<Key, string>> = {}
  const values = {} as Record<Key, number>
  for (const f of SETTING_FIELDS) {
    const raw = text[f.key].trim()
    const n = raw === '' ? NaN : Number(raw)
    values[f.key] = n
    if (raw === '') errors[f.key] = `请填写${f.label}`
    else if (!Number.isFinite(n)) errors[f.key] = `${f.label}请填数字`
    else if (f.key === 'urgentScale') {
      if (n < URGENT_SCALE_MIN || n > 1) errors[f.key] = `紧急单系数应在${URGENT_SCALE_MIN}到1之间`
    } else if (n < 1 || n > SETTING_HOURS_MAX) errors[f.key] = `${f.label}应在1到${SETTING_HOURS_MAX}小时之间`
  }
  return { settings: Object.keys(errors).length ? null : values, errors }
}

const asText = (s: OrderTimeSettings): Record<Key, string> => ({
  acceptHours: String(s.acceptHours),
  dispatchHours: String(s.dispatchHours),
  claimHours: String(s.claimHours),
  finishHours: String(s.finishHours),
  urgentScale: String(s.urgentScale),
})

export interface OrderSettingsFormProps {
  settings: OrderTimeSettings
  isDefault: boolean
  /** Sends the limits; throws `{ code, message }` when refused. */
  onSave: (settings: OrderTimeSettings) => Promise<void>
}

/** 时限设置: the community's hours to accept, dispatch, claim and finish, and the urgent scale. */
export function OrderSettingsForm({ settings, isDefault, onSave }: OrderSettingsFormProps) {
  const [text, setText] = useState(() => asText(settings))
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({})
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    if (saving) return
    const checked = settingsProblems(text)
    setErrors(checked.errors)
    setProblem(null)
    if (!checked.settings) return
    setSaving(true)
    try {
      await onSave(checked.settings)
    } catch (e) {
      const err = e as { code?: string; message?: string }
      setProblem({ code: err.code ?? '', message: err.message ?? '保存失败，请稍后再试' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='settings-form' data-testid='settings-form' data-default={isDefault ? 'true' : 'false'}>
      {isDefault && (
        <Text className='settings-form__note' data-testid='settings-default'>
          现在用的是默认时限，修改后保存即为本社区的时限。
        </Text>
      )}
      {SETTING_FIELDS.map((f) => (
        <View key={f.key} className='settings-form__field'>
          <Text className='settings-form__label'>{f.label}</Text>
          <Text className='settings-form__hint'>{f.hint}</Text>
          <View className='settings-form__row'>
            <Input
              className={`settings-form__input${errors[f.key] ? ' settings-form__input--error' : ''}`}
              data-testid={`settings-${f.key}`}
              type='digit'
              value={text[f.key]}
              maxlength={5}
              onInput={(e) => setText((t) => ({ ...t, [f.key]: textOf(e) }))}
              nativeProps={{ 'aria-label': `${f.label}（${f.unit}）` }}
            />
            <Text className='settings-form__unit'>{f.unit}</Text>
          </View>
          {errors[f.key] && (
            <Text className='settings-form__error' data-testid={`settings-${f.key}-error`}>
              {errors[f.key]}
            </Text>
          )}
        </View>
      ))}
      {problem && (
        <Text className='settings-form__problem' data-testid='settings-error' data-code={problem.code}>
          {problem.message}
        </Text>
      )}
      <View className={`settings-form__submit${saving ? ' settings-form__submit--busy' : ''}`} hoverClass='settings-form__submit--pressed' data-testid='settings-save' onClick={() => void save()}>
        {saving ? '正在保存…' : '保存时限'}
      </View>
      <View className='settings-form__reset' data-testid='settings-defaults' onClick={() => setText(asText(DEFAULT_ORDER_SETTINGS))}>
        填入默认时限（接单24、派单24、领单48、完成48小时，紧急减半）
      </View>
    </View>
  )
}
