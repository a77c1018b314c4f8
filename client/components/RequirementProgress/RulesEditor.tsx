import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RulesView } from '@domain/api'
import {
  checkRules,
  COUNT_FIELDS,
  describeMemberRule,
  describeUnitRule,
  PERIOD_KINDS,
  PERIOD_LABELS,
  RULE_BOUNDS,
  type CountField,
  type PeriodKind,
  type RequirementRules,
} from '@domain/requirements'
import { fieldMessagesOf, toApiError, type ApiError } from '@/services/ApiError'
import { formatChinaTime } from '@/utils/time'
import { NumberStepper, parseTyped } from '@/components/NumberStepper/NumberStepper'
import './RulesEditor.scss'

type Draft = Record<CountField, string> & { unitPeriod: PeriodKind }
type Errors = Partial<Record<keyof RequirementRules, string>>

const FIELD_TITLES: Record<CountField, string> = {
  memberActivitiesPerYear: '党员每年参加活动（次）',
  memberHoursPerYear: '党员每年服务时长（小时）',
  unitActivities: '单位共建活动（次）',
}

const toDraft = (r: RequirementRules): Draft => ({
  memberActivitiesPerYear: String(r.memberActivitiesPerYear),
  memberHoursPerYear: String(r.memberHoursPerYear),
  unitActivities: String(r.unitActivities),
  unitPeriod: r.unitPeriod,
})

/** Typed text as numbers: what is not a plain number stays NaN for checkRules to name. */
const fromDraft = (d: Draft) => ({
  memberActivitiesPerYear: parseTyped(d.memberActivitiesPerYear),
  memberHoursPerYear: parseTyped(d.memberHoursPerYear),
  unitActivities: parseTyped(d.unitActivities),
  unitPeriod: d.unitPeriod,
})

/** Field errors the function sent back (REQUEST.INVALID issues at `rules.<field>`). */
const serverErrors = (e: ApiError): Errors => fieldMessagesOf(e, 'rules.') as Errors

function Stepper({ field, value, error, onChange }: { field: CountField; value: string; error?: string; onChange: (v: string) => void }) {
  const b = RULE_BOUNDS[field]
  return (
    <View className='rules-editor__field' data-testid={`rule-${field}`}>
      <Text className='rules-editor__label'>{FIELD_TITLES[field]}</Text>
      <NumberStepper testId={`rule-${field}`} label={FIELD_TITLES[field]} value={value} bounds={{ min: b.min, max: b.max, step: 1 }} onChange={onChange} />
      <Text className='rules-editor__hint'>
        可填 {b.min}–{b.max}，填 0 表示不作要求
      </Text>
      {error ? (
        <Text className='rules-editor__error' data-testid={`rule-${field}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

export interface RulesEditorProps {
  view: RulesView
  /** Saves and answers the rules now in force (`changed: false` when they were already). */
  onSave: (rules: RequirementRules) => Promise<RulesView & { changed: boolean }>
}

/** The county admin's form: three steppers, the unit period (季度 / 年度), 保存 with a toast. */
export function RulesEditor({ view, onSave }: RulesEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.rules))
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as keyof Errors]
      return next
    })
  }

  const save = async () => {
    if (saving) return
    const rules = fromDraft(draft)
    const found = checkRules(rules)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none', duration: 2500 })
      return
    }
    setSaving(true)
    try {
      const saved = await onSave(rules as RequirementRules)
      setDraft(toDraft(saved.rules))
      void Taro.showToast({ title: saved.changed ? '已保存' : '没有改动', icon: saved.changed ? 'success' : 'none', duration: 2000 })
    } catch (e) {
      const apiError = toApiError(e)
      setErrors(serverErrors(apiError))
      void Taro.showToast({ title: apiError.message, icon: 'none', duration: 3000 })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='rules-editor' data-testid='rules-editor'>
      <Text className='rules-editor__section'>党员（每年）</Text>
      {COUNT_FIELDS.filter((f) => f !== 'unitActivities').map((f) => (
        <Stepper key={f} field={f} value={draft[f]} error={errors[f]} onChange={(v) => set({ [f]: v } as Partial<Draft>)} />
      ))}
      <Text className='rules-editor__section'>结对单位</Text>
      <View className='rules-editor__field' data-testid='rule-unitPeriod'>
        <Text className='rules-editor__label'>共建活动周期</Text>
        <View className='rules-editor__periods'>
          {PERIOD_KINDS.map((k) => (
            <View
              key={k}
              className={`rules-editor__period${draft.unitPeriod === k ? ' rules-editor__period--on' : ''}`}
              data-testid='rule-period-option'
              data-period={k}
              data-selected={String(draft.unitPeriod === k)}
              onClick={() => set({ unitPeriod: k })}
            >
              {PERIOD_LABELS[k]}
            </View>
          ))}
        </View>
        {errors.unitPeriod ? (
          <Text className='rules-editor__error' data-testid='rule-unitPeriod-error'>
            {errors.unitPeriod}
          </Text>
        ) : null}
      </View>
      <Stepper field='unitActivities' value={draft.unitActivities} error={errors.unitActivities} onChange={(v) => set({ unitActivities: v })} />
      <View className={`rules-editor__save${saving ? ' rules-editor__save--busy' : ''}`} hoverClass='rules-editor__save--pressed' data-testid='rules-save' onClick={() => void save()}>
        {saving ? '正在保存…' : '保存'}
      </View>
    </View>
  )
}

/** The rules in words, for everyone who may read but not change them. */
export function RulesSummary({ view }: { view: RulesView }) {
  return (
    <View className='rules-editor' data-testid='rules-summary'>
      <Text className='rules-editor__rule' data-testid='rules-member'>
        {describeMemberRule(view.rules)}
      </Text>
      <Text className='rules-editor__rule' data-testid='rules-unit'>
        {describeUnitRule(view.rules)}
      </Text>
    </View>
  )
}

/** Who set the rules and when, or that the defaults apply. */
export function rulesSource(view: RulesView): string {
  if (view.isDefault || !view.updatedAt) return `${view.county.name}尚未设置，使用默认要求`
  return `${view.county.name}${view.updatedByName ? ` · ${view.updatedByName}` : ''} 于 ${formatChinaTime(view.updatedAt)} 设置`
}
