import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { ServiceItemSaveInput, ServiceItemView } from '@domain/api/orders'
import { DomainError } from '@domain/errors'
import { CAPACITY_MAX, DESCRIPTION_MAX, EXPECTED_HOURS_MAX, HOURS_MIN, SERVICE_CATEGORIES, TITLE_MAX, checkServiceItemInput } from '@domain/orders'
import { SKILL_TAGS } from '@domain/registration'
import { ChoiceTags } from '@/components/ChoiceTags/ChoiceTags'
import { SelectField } from '@/components/SelectField/SelectField'
import { textOf } from '@/components/WishIntake/textOf'
import './OrderItemForm.scss'

export type ItemField = 'category' | 'title' | 'description' | 'skills' | 'expectedHours' | 'capacity'

/** Which field a domain refusal is about, so the message sits under it. */
const FIELD_OF: Record<string, ItemField> = {
  'ORDER.CATEGORY_UNKNOWN': 'category',
  'ORDER.ITEM_TITLE_REQUIRED': 'title',
  'ORDER.DESCRIPTION_TOO_LONG': 'description',
  'ORDER.SKILL_UNKNOWN': 'skills',
  'ORDER.EXPECTED_HOURS_INVALID': 'expectedHours',
  'ORDER.CAPACITY_INVALID': 'capacity',
  'ORDER.CAPACITY_BELOW_CLAIMED': 'capacity',
}

/** A refusal from the function or from the phone's own check: its field (if any), code and Chinese message. */
export interface ItemProblem {
  field: ItemField | null
  code: string
  message: string
}

export function problemOf(code: string, message: string): ItemProblem {
  return { field: FIELD_OF[code] ?? null, code, message }
}

export interface OrderItemFormProps {
  communityId: string
  /** The item to change; null for a new one. */
  item: ServiceItemView | null
  /** The id a new item is saved under, made when the form opens (a retried save makes one item). */
  newId: string
  /** Sends the item; throws `{ code, message }` when refused. */
  onSave: (input: ServiceItemSaveInput) => Promise<void>
  onCancel: () => void
}

/**
 * 服务清单 editor: category, title, description, skills wanted, expected hours, capacity, whether
 * members may claim it (常设项目) and whether it is offered (上架). Checked on the phone with the
 * domain's own rule first, so the message is the one the function would give, under its field.
 */
export function OrderItemForm({ communityId, item, newId, onSave, onCancel }: OrderItemFormProps) {
  const [category, setCategory] = useState<string | undefined>(item?.category)
  const [title, setTitle] = useState(item?.title ?? '')
  const [description, setDescription] = useState(item?.description ?? '')
  const [skills, setSkills] = useState<string[]>(item?.skills ?? [])
  const [expectedHours, setExpectedHours] = useState(item?.expectedHours ?? 1)
  const [capacity, setCapacity] = useState(String(item?.capacity ?? 1))
  const [standing, setStanding] = useState(item?.standing ?? false)
  const [active, setActive] = useState(item?.active ?? true)
  const [problem, setProblem] = useState<ItemProblem | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    if (saving) return
    const input = {
      category: category ?? '',
      title,
      description,
      skills,
      expectedHours,
      capacity: Number(capacity.trim() === '' ? NaN : capacity),
      standing,
    }
    try {
      checkServiceItemInput(input, item ? item.joined : 0)
    } catch (e) {
      if (e instanceof DomainError) return setProblem(problemOf(e.code, e.message))
      throw e
    }
    setProblem(null)
    setSaving(true)
    try {
      await onSave({ id: item?.id ?? newId, communityId, ...input, title: title.trim(), description: description.trim(), active })
    } catch (e) {
      const err = e as { code?: string; message?: string }
      setProblem(problemOf(err.code ?? '', err.message ?? '保存失败，请稍后再试'))
    } finally {
      setSaving(false)
    }
  }

  const fieldError = (field: ItemField) =>
    problem?.field === field ? (
      <Text className='item-form__error' data-testid={`item-${field}-error`}>
        {problem.message}
      </Text>
    ) : null

  return (
    <View className='item-form' data-testid='item-form' data-mode={item ? 'edit' : 'new'} data-id={item?.id ?? newId}>
      <Text className='item-form__heading'>{item ? `修改「${item.title}」` : '新增服务项目'}</Text>
      <View className='item-form__field'>
        <SelectField
          label='服务类别'
          placeholder='请选择'
          options={SERVICE_CATEGORIES.map((c) => ({ id: c, name: c }))}
          value={category}
          onChange={setCategory}
          error={problem?.field === 'category' ? problem.message : undefined}
          testId='item-category'
        />
      </View>
      <View className='item-form__field'>
        <Text className='item-form__label'>项目名称</Text>
        <Input
          className={`item-form__input${problem?.field === 'title' ? ' item-form__input--error' : ''}`}
          data-testid='item-title'
          value={title}
          maxlength={TITLE_MAX}
          placeholder='例如：楼道灯每月巡检'
          onInput={(e) => setTitle(textOf(e))}
        />
        {fieldError('title')}
      </View>
      <View className='item-form__field'>
        <Text className='item-form__label'>说明（可不填）</Text>
        <Textarea
          className='item-form__textarea'
          data-testid='item-description'
          value={description}
          maxlength={DESCRIPTION_MAX}
          placeholder='做什么、在哪里、注意什么'
          onInput={(e) => setDescription(textOf(e))}
        />
        {fieldError('description')}
      </View>
      <View className='item-form__field'>
        <Text className='item-form__label'>需要的特长（可多选，可不选）</Text>
        <ChoiceTags options={SKILL_TAGS} selected={skills} onChange={setSkills} max={12} testId='item-skills' />
        {fieldError('skills')}
      </View>
      <View className='item-form__field'>
        <Text className='item-form__label'>预计每次用时</Text>
        <View className='item-form__stepper'>
          <View className='item-form__step' data-testid='item-hours-less' onClick={() => setExpectedHours((h) => Math.max(HOURS_MIN, h - 0.5))}>
            －
          </View>
          <Text className='item-form__number' data-testid='item-hours'>
            {expectedHours}小时
          </Text>
          <View className='item-form__step' data-testid='item-hours-more' onClick={() => setExpectedHours((h) => Math.min(EXPECTED_HOURS_MAX, h + 0.5))}>
            ＋
          </View>
        </View>
        {fieldError('expectedHours')}
      </View>
      <View className='item-form__field'>
        <Text className='item-form__label'>名额（最多{CAPACITY_MAX}人）</Text>
        <Input
          className={`item-form__input${problem?.field === 'capacity' ? ' item-form__input--error' : ''}`}
          data-testid='item-capacity'
          type='number'
          value={capacity}
          maxlength={4}
          onInput={(e) => setCapacity(textOf(e))}
        />
        {item && item.joined > 0 && <Text className='item-form__hint'>已有 {item.joined} 人认领，名额不能少于这个数</Text>}
        {fieldError('capacity')}
      </View>
      <View className='item-form__field'>
        <Text className='item-form__label'>党员可否认领</Text>
        <View className='item-form__chips' data-testid='item-standing'>
          {[
            { on: true, label: '常设项目，党员可认领' },
            { on: false, label: '只供居民点单' },
          ].map((o) => (
            <View key={String(o.on)} className={`item-form__chip${standing === o.on ? ' item-form__chip--on' : ''}`} data-testid='item-chip' data-value={String(o.on)} data-selected={standing === o.on ? 'true' : 'false'} onClick={() => setStanding(o.on)}>
              {o.label}
            </View>
          ))}
        </View>
      </View>
      {item && (
        <View className='item-form__field'>
          <Text className='item-form__label'>是否提供</Text>
          <View className='item-form__chips' data-testid='item-active'>
            {[
              { on: true, label: '正在提供' },
              { on: false, label: '停用' },
            ].map((o) => (
              <View key={String(o.on)} className={`item-form__chip${active === o.on ? ' item-form__chip--on' : ''}`} data-testid='item-chip' data-value={String(o.on)} data-selected={active === o.on ? 'true' : 'false'} onClick={() => setActive(o.on)}>
                {o.label}
              </View>
            ))}
          </View>
        </View>
      )}
      {problem && !problem.field && (
        <Text className='item-form__problem' data-testid='item-error' data-code={problem.code}>
          {problem.message}
        </Text>
      )}
      <View className={`item-form__submit${saving ? ' item-form__submit--busy' : ''}`} hoverClass='item-form__submit--pressed' data-testid='item-save' onClick={() => void save()}>
        {saving ? '正在保存…' : '保存'}
      </View>
      <View className='item-form__cancel' data-testid='item-cancel' onClick={onCancel}>
        返回
      </View>
    </View>
  )
}
