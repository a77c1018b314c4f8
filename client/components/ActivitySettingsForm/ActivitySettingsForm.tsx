import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { ActivitySettings, ActivitySettingsView } from '@domain/api/activities'
import { checkActivitySettings, type RoundingRule } from '@domain/activities/hours'
import { fieldMessagesOf, messageOf, toApiError } from '@/services/ApiError'
import { NumberStepper, parseTyped } from '@/components/NumberStepper/NumberStepper'
import { textOf } from '@/components/WishIntake/textOf'
import './ActivitySettingsForm.scss'

type Errors = Partial<Record<'rounding' | 'stars', string>>

interface Draft {
  zeroBelow: string
  halfBelow: string
  stars: string[]
}

const MINUTE_BOUNDS = { min: 0, max: 60, step: 5 }
const STAR_LEVELS = [1, 2, 3, 4, 5]

/** The rounding rule in words, e.g. 不足15分钟不计，15–45分钟计0.5小时，45分钟以上计1小时. */
export function roundingText({ zeroBelow: z, halfBelow: h }: RoundingRule): string {
  const parts: string[] = []
  if (z > 0) parts.push(`不足${z}分钟不计`)
  if (h > z) parts.push(z > 0 ? `${z}–${h}分钟计0.5小时` : `不足${h}分钟计0.5小时`)
  if (h < 60) parts.push(`${h}分钟以上计1小时`)
  return parts.join('，')
}

/** The thresholds in words: 1 星 100 小时 · 2 星 300 小时 · … */
export const starsText = (stars: readonly number[]) => stars.map((h, i) => `${i + 1} 星 ${h} 小时`).join(' · ')

const toDraft = (s: ActivitySettings): Draft => ({ zeroBelow: String(s.rounding.zeroBelow), halfBelow: String(s.rounding.halfBelow), stars: s.stars.map(String) })

const fromDraft = (d: Draft): ActivitySettings => ({
  rounding: { zeroBelow: parseTyped(d.zeroBelow), halfBelow: parseTyped(d.halfBelow) },
  stars: d.stars.map(parseTyped),
})

/** Field messages the function sent back (REQUEST.INVALID at `settings.rounding.*`, `settings.stars.*`). */
function serverErrors(e: unknown): Errors {
  const fields = fieldMessagesOf(e, 'settings.')
  const out: Errors = {}
  if (fields.rounding) out.rounding = fields.rounding
  if (fields.stars) out.stars = fields.stars
  return out
}

export interface ActivitySettingsFormProps {
  view: ActivitySettingsView
  /** Saves with the version read; answers the settings now in force. */
  onSave: (settings: ActivitySettings, version: number) => Promise<ActivitySettingsView>
  onSaved?: (view: ActivitySettingsView) => void
  /** After ACTIVITY.SETTINGS_CHANGED: read the settings again. */
  onReload?: () => void
}

/**
 * The county's hours rounding rule and star thresholds: steppers for the two minute marks with
 * the rule in words as it is typed, five inputs for the stars, checked with the domain's
 * checkActivitySettings before sending. Everyone else sees the same in words (ActivitySettingsSummary).
 */
export function ActivitySettingsForm({ view, onSave, onSaved, onReload }: ActivitySettingsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.settings))
  const [version, setVersion] = useState(view.version)
  const [errors, setErrors] = useState<Errors>({})
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null)
  const [saving, setSaving] = useState(false)

  const change = (patch: Partial<Draft>, field: keyof Errors) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => ({ ...e, [field]: undefined }))
    setProblem(null)
  }

  const settings = fromDraft(draft)
  const shownRule = checkActivitySettings(settings).rounding ? null : roundingText(settings.rounding)

  const save = async () => {
    if (saving) return
    const found = checkActivitySettings(settings)
    setErrors(found)
    setProblem(null)
    if (found.rounding || found.stars) {
      void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none', duration: 2500 })
      return
    }
    setSaving(true)
    try {
      const saved = await onSave(settings, version)
      setDraft(toDraft(saved.settings))
      setVersion(saved.version)
      onSaved?.(saved)
      void Taro.showToast({ title: '已保存', icon: 'success', duration: 2000 })
    } catch (e) {
      const fields = serverErrors(e)
      setErrors(fields)
      if (!fields.rounding && !fields.stars) setProblem({ code: toApiError(e).code, message: messageOf(e) })
    } finally {
      setSaving(false)
    }
  }

  const error = (field: keyof Errors) =>
    errors[field] ? (
      <Text className='act-settings__error' data-testid={`act-settings-${field}-error`}>
        {errors[field]}
      </Text>
    ) : null

  return (
    <View className='act-settings' data-testid='act-settings-form' data-default={String(view.isDefault)} data-version={String(version)}>
      <Text className='act-settings__section'>活动时长折算</Text>
      <Text className='act-settings__hint'>签到到签退的时间，整小时照计，余下的分钟按这个规则折算。</Text>
      <View className='act-settings__field'>
        <Text className='act-settings__label'>不计分钟：不足这么多分钟，不计时长</Text>
        <NumberStepper testId='act-setting-zeroBelow' label='不计分钟' value={draft.zeroBelow} bounds={MINUTE_BOUNDS} unit='分钟' onChange={(t) => change({ zeroBelow: t }, 'rounding')} />
      </View>
      <View className='act-settings__field'>
        <Text className='act-settings__label'>半小时分钟：不足这么多分钟，计0.5小时</Text>
        <NumberStepper testId='act-setting-halfBelow' label='半小时分钟' value={draft.halfBelow} bounds={MINUTE_BOUNDS} unit='分钟' onChange={(t) => change({ halfBelow: t }, 'rounding')} />
      </View>
      {shownRule ? (
        <Text className='act-settings__rule' data-testid='act-settings-rounding-text'>
          {shownRule}
        </Text>
      ) : null}
      {error('rounding')}

      <Text className='act-settings__section'>星级标准（累计服务时长）</Text>
      <Text className='act-settings__hint'>五个星级的时长从低到高，后一个比前一个多。</Text>
      {STAR_LEVELS.map((level, i) => (
        <View key={level} className='act-settings__star'>
          <Text className='act-settings__star-name'>{level} 星</Text>
          <Input
            className={`act-settings__input${errors.stars ? ' act-settings__input--error' : ''}`}
            data-testid={`act-setting-star-${level}`}
            type='number'
            maxlength={6}
            value={draft.stars[i]}
            onInput={(e) => change({ stars: draft.stars.map((s, j) => (j === i ? textOf(e) : s)) }, 'stars')}
            nativeProps={{ 'aria-label': `${level} 星需要的服务时长（小时）` }}
          />
          <Text className='act-settings__unit'>小时</Text>
        </View>
      ))}
      {error('stars')}

      {problem ? (
        <View className='act-settings__problem' data-testid='act-settings-error' data-code={problem.code}>
          <Text className='act-settings__problem-text'>{problem.message}</Text>
          {problem.code === 'ACTIVITY.SETTINGS_CHANGED' && onReload ? (
            <View className='act-settings__link' data-testid='act-settings-reload' onClick={onReload}>
              刷新
            </View>
          ) : null}
        </View>
      ) : null}
      <View className={`act-settings__submit${saving ? ' act-settings__submit--busy' : ''}`} hoverClass='act-settings__submit--pressed' data-testid='act-settings-save' onClick={() => void save()}>
        {saving ? '正在保存…' : '保存'}
      </View>
    </View>
  )
}

/** The settings in words, for everyone in the county who may not change them. */
export function ActivitySettingsSummary({ view }: { view: ActivitySettingsView }) {
  return (
    <View className='act-settings' data-testid='act-settings-summary'>
      <Text className='act-settings__section'>活动时长折算</Text>
      <Text className='act-settings__rule' data-testid='act-settings-rounding-text'>
        {roundingText(view.settings.rounding)}
      </Text>
      <Text className='act-settings__section'>星级标准（累计服务时长）</Text>
      <Text className='act-settings__rule' data-testid='act-settings-stars-text'>
        {starsText(view.settings.stars)}
      </Text>
    </View>
  )
}
