import { useMemo, useState } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { activityInputSchema, type ActivityCreateInput, type OrganiserOption, type ThemeView } from '@domain/api/activities'
import { validate } from '@domain/api/contract'
import { CAPACITY_MAX, DESCRIPTION_MAX, SKILLS_MAX, TITLE_MAX, checkActivityInput } from '@domain/activities/input'
import { DomainError } from '@domain/errors'
import { SKILL_TAGS } from '@domain/registration'
import { ChoiceTags } from '@/components/ChoiceTags/ChoiceTags'
import { NumberStepper, parseTyped } from '@/components/NumberStepper/NumberStepper'
import { SelectField } from '@/components/SelectField/SelectField'
import { textOf } from '@/components/WishIntake/textOf'
import { ApiError, fieldMessages, fieldMessagesOf, messageOf, toApiError } from '@/services/ApiError'
import { chinaDate, chinaIso, defaultTimes } from './times'
import './ActivityForm.scss'

export type ActivityField = 'organiser' | 'placeNodeId' | 'themeId' | 'title' | 'description' | 'address' | 'startAt' | 'endAt' | 'capacity' | 'hours' | 'skills' | 'openToCitizens'

/** Which field a domain refusal (the phone's own check or the function's) is about, so its message sits under it. */
const FIELD_OF: Record<string, ActivityField> = {
  'ACTIVITY.BAD_TIME': 'startAt',
  'ACTIVITY.STARTS_IN_PAST': 'startAt',
  'ACTIVITY.ENDS_BEFORE_START': 'endAt',
  'ACTIVITY.TOO_LONG': 'endAt',
  'ACTIVITY.BAD_HOURS': 'hours',
  'ACTIVITY.HOURS_ABOVE_DURATION': 'hours',
  'ACTIVITY.BAD_PLACE': 'placeNodeId',
  'ACTIVITY.BAD_THEME': 'themeId',
}

const PICKER_MESSAGES: Partial<Record<ActivityField, string>> = {
  organiser: '请选择组织者',
  placeNodeId: '请选择活动所在的社区',
  themeId: '请重新选择主题',
}

/** Pickers get a plain "请选择…" whatever the schema said about an empty id. */
function pickerWords(fields: Partial<Record<ActivityField, string>>): Partial<Record<ActivityField, string>> {
  for (const f of Object.keys(fields) as ActivityField[]) fields[f] = PICKER_MESSAGES[f] ?? fields[f]
  return fields
}

/** A refusal by field (schema issues, or a domain code with a field), else one line for the whole form. */
export function problemsOf(e: unknown): { fields: Partial<Record<ActivityField, string>>; general: { code: string; message: string } | null } {
  const err = toApiError(e)
  const fields = pickerWords(fieldMessagesOf(err) as Partial<Record<ActivityField, string>>)
  const field = FIELD_OF[err.code] ?? privateField(err.details)
  if (field) fields[field] = err.message
  return { fields, general: Object.keys(fields).length ? null : { code: err.code, message: messageOf(err) } }
}

/** ACTIVITY.PRIVATE_INFO names the field that holds a phone number. */
function privateField(details: unknown): ActivityField | undefined {
  const field = (details as { field?: unknown } | undefined)?.field
  return field === 'title' || field === 'description' || field === 'address' ? field : undefined
}

const optionId = (o: Pick<OrganiserOption, 'kind' | 'id'>) => `${o.kind}:${o.id}`
const KIND_LABELS: Record<OrganiserOption['kind'], string> = { unit: '以单位名义', community: '以社区名义', branch: '以小区党支部名义' }
const HOURS_BOUNDS = { min: 0.5, max: 24, step: 0.5 }
const CAPACITY_BOUNDS = { min: 1, max: CAPACITY_MAX, step: 1 }

function DateTime({ label, date, time, minDate, onDate, onTime, error, testId }: { label: string; date: string; time: string; minDate: string; onDate: (d: string) => void; onTime: (t: string) => void; error?: string; testId: string }) {
  return (
    <View className='activity-form__field'>
      <Text className='activity-form__label'>{label}</Text>
      <View className='activity-form__when'>
        <Picker mode='date' value={date} start={minDate} onChange={(e) => onDate(String(e.detail.value))}>
          <View className={`activity-form__pick${error ? ' activity-form__pick--error' : ''}`} data-testid={`${testId}-date`} data-value={date}>
            {date}
          </View>
        </Picker>
        <Picker mode='time' value={time} onChange={(e) => onTime(String(e.detail.value))}>
          <View className={`activity-form__pick${error ? ' activity-form__pick--error' : ''}`} data-testid={`${testId}-time`} data-value={time}>
            {time}
          </View>
        </Picker>
      </View>
      {error && (
        <Text className='activity-form__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
    </View>
  )
}

export interface ActivityFormProps {
  options: readonly OrganiserOption[]
  /** The theme months of the start date's year; null while they load. */
  themes: readonly ThemeView[] | null
  /** Asked when the start date moves into another year, for that year's themes. */
  onYear?: (year: number) => void
  /** Sends the activity; throws the ApiError when refused. */
  onSubmit: (input: ActivityCreateInput) => Promise<void>
  now?: () => Date
}

/**
 * 发布活动: who organises it and where, the theme month, what, when, how many, the hours it counts
 * for and who may come. Checked on the phone by the contract's schema and the domain's rule first,
 * so the message is the one the function would give, under its field.
 */
export function ActivityForm({ options, themes, onYear, onSubmit, now = () => new Date() }: ActivityFormProps) {
  const initial = useMemo(() => defaultTimes(now()), [])
  const [organiser, setOrganiser] = useState<string | undefined>(options.length === 1 ? optionId(options[0]) : undefined)
  const chosen = options.find((o) => optionId(o) === organiser)
  const [place, setPlace] = useState<string | undefined>(chosen?.places.length === 1 ? chosen.places[0].id : undefined)
  const [themeId, setThemeId] = useState<string | undefined>(undefined)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [address, setAddress] = useState('')
  const [startDate, setStartDate] = useState(initial.startDate)
  const [startTime, setStartTime] = useState(initial.startTime)
  const [endDate, setEndDate] = useState(initial.endDate)
  const [endTime, setEndTime] = useState(initial.endTime)
  const [capacity, setCapacity] = useState('10')
  const [hours, setHours] = useState('2')
  const [skills, setSkills] = useState<string[]>([])
  const [openToCitizens, setOpenToCitizens] = useState(true)
  const [fields, setFields] = useState<Partial<Record<ActivityField, string>>>({})
  const [general, setGeneral] = useState<{ code: string; message: string } | null>(null)
  const [sending, setSending] = useState<'draft' | 'publish' | null>(null)

  const chooseOrganiser = (id: string | undefined) => {
    setOrganiser(id)
    const o = options.find((x) => optionId(x) === id)
    setPlace(o?.places.length === 1 ? o.places[0].id : undefined)
  }

  const chooseStartDate = (d: string) => {
    // The end follows the start's day: most activities begin and end on one day.
    if (endDate === startDate || endDate < d) setEndDate(d)
    if (d.slice(0, 4) !== startDate.slice(0, 4)) onYear?.(Number(d.slice(0, 4)))
    setStartDate(d)
  }

  const submit = async (publish: boolean) => {
    if (sending) return
    const input = {
      organiser: chosen ? { kind: chosen.kind, id: chosen.id } : { kind: '', id: '' },
      placeNodeId: place ?? '',
      title,
      description,
      themeId: themeId ?? null,
      address,
      startAt: chinaIso(startDate, startTime),
      endAt: chinaIso(endDate, endTime),
      capacity: parseTyped(capacity),
      skills,
      hours: parseTyped(hours),
      openToCitizens,
    }
    const checked = validate(activityInputSchema, input)
    if (!checked.ok) {
      setFields(pickerWords(fieldMessages(checked.issues) as Partial<Record<ActivityField, string>>))
      setGeneral(null)
      return
    }
    try {
      checkActivityInput(checked.value, now())
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      const p = problemsOf(new ApiError(e.code, e.message, e.details))
      setFields(p.fields)
      setGeneral(p.general)
      return
    }
    setFields({})
    setGeneral(null)
    setSending(publish ? 'publish' : 'draft')
    try {
      await onSubmit({ ...checked.value, publish })
    } catch (e) {
      const p = problemsOf(e)
      setFields(p.fields)
      setGeneral(p.general)
    } finally {
      setSending(null)
    }
  }

  const error = (field: ActivityField) =>
    fields[field] ? (
      <Text className='activity-form__error' data-testid={`new-${field}-error`}>
        {fields[field]}
      </Text>
    ) : null
  const inputClass = (field: ActivityField) => `activity-form__input${fields[field] ? ' activity-form__input--error' : ''}`
  const today = chinaDate(now())

  return (
    <View className='activity-form' data-testid='activity-new-form'>
      <View className='activity-form__field'>
        <SelectField
          label='组织者'
          placeholder='请选择以谁的名义组织'
          options={options.map((o) => ({ id: optionId(o), name: o.name, hint: KIND_LABELS[o.kind] }))}
          value={organiser}
          onChange={chooseOrganiser}
          emptyText='您还不能组织活动'
          error={fields.organiser}
          testId='new-organiser'
        />
      </View>
      <View className='activity-form__field'>
        <SelectField
          label='活动所在社区'
          placeholder={chosen ? '请选择' : '请先选择组织者'}
          options={(chosen?.places ?? []).map((p) => ({ id: p.id, name: p.name }))}
          value={place}
          onChange={setPlace}
          disabled={!chosen}
          emptyText='没有可选的社区，单位需先与社区结对'
          error={fields.placeNodeId}
          testId='new-place'
        />
      </View>
      <View className='activity-form__field'>
        <SelectField
          label='主题月活动（可不选）'
          placeholder='不选主题'
          options={(themes ?? []).map((t) => ({ id: t.id, name: `${t.month}月 · ${t.title}`, hint: t.description || undefined }))}
          value={themeId}
          onChange={setThemeId}
          optional
          emptyText={themes ? '本年度还没有主题' : '正在加载主题…'}
          error={fields.themeId}
          testId='new-theme'
        />
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>活动名称</Text>
        <Input className={inputClass('title')} data-testid='new-title' value={title} maxlength={TITLE_MAX} placeholder='例如：周末社区清洁' onInput={(e) => setTitle(textOf(e))} />
        {error('title')}
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>活动介绍（可不填）</Text>
        <Textarea
          className='activity-form__textarea'
          data-testid='new-description'
          value={description}
          maxlength={DESCRIPTION_MAX}
          placeholder='做什么、带什么、注意什么（不要填写个人手机号码）'
          onInput={(e) => setDescription(textOf(e))}
        />
        {error('description')}
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>集合地点</Text>
        <Input className={inputClass('address')} data-testid='new-address' value={address} maxlength={60} placeholder='例如：北门花园东门' onInput={(e) => setAddress(textOf(e))} />
        {error('address')}
      </View>
      <DateTime label='开始时间' date={startDate} time={startTime} minDate={today} onDate={chooseStartDate} onTime={setStartTime} error={fields.startAt} testId='new-startAt' />
      <DateTime label='结束时间' date={endDate} time={endTime} minDate={startDate} onDate={setEndDate} onTime={setEndTime} error={fields.endAt} testId='new-endAt' />
      <View className='activity-form__field'>
        <Text className='activity-form__label'>名额</Text>
        <NumberStepper testId='new-capacity' label='名额' value={capacity} bounds={CAPACITY_BOUNDS} unit='人' onChange={setCapacity} />
        {error('capacity')}
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>计入服务时长</Text>
        <NumberStepper testId='new-hours' label='服务时长' value={hours} bounds={HOURS_BOUNDS} type='digit' unit='小时' onChange={setHours} />
        {error('hours')}
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>需要的特长（可多选，可不选）</Text>
        <ChoiceTags options={SKILL_TAGS} selected={skills} onChange={setSkills} max={SKILLS_MAX} testId='new-skills' />
        {error('skills')}
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>谁可以报名</Text>
        <View className='activity-form__chips' data-testid='new-open'>
          {[
            { on: true, label: '党员和爱心市民' },
            { on: false, label: '只限在职党员' },
          ].map((o) => (
            <View
              key={String(o.on)}
              className={`activity-form__chip${openToCitizens === o.on ? ' activity-form__chip--on' : ''}`}
              data-testid='new-chip'
              data-value={String(o.on)}
              data-selected={openToCitizens === o.on ? 'true' : 'false'}
              onClick={() => setOpenToCitizens(o.on)}
            >
              {o.label}
            </View>
          ))}
        </View>
      </View>
      {general && (
        <Text className='activity-form__problem' data-testid='new-error' data-code={general.code}>
          {general.message}
        </Text>
      )}
      {Object.keys(fields).length > 0 && (
        <Text className='activity-form__problem' data-testid='new-fields-error'>
          请按红字提示修改后再提交
        </Text>
      )}
      <View className={`activity-form__submit${sending === 'publish' ? ' activity-form__submit--busy' : ''}`} hoverClass='activity-form__submit--pressed' data-testid='new-publish' onClick={() => void submit(true)}>
        {sending === 'publish' ? '正在发布…' : '发布'}
      </View>
      <View className='activity-form__draft' hoverClass='activity-form__draft--pressed' data-testid='new-draft' onClick={() => void submit(false)}>
        {sending === 'draft' ? '正在保存…' : '保存草稿'}
      </View>
    </View>
  )
}
