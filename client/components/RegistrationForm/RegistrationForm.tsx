import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { MoveInput, RegistrationOptions } from '@domain/api'
import { ChoiceTags } from '@/components/ChoiceTags/ChoiceTags'
import { SelectField } from '@/components/SelectField/SelectField'
import { toApiError, type ApiError } from '@/services/ApiError'
import { fieldErrorsOf, summaryOf } from './fieldErrors'
import { PhoneField, type PhoneInput } from './PhoneField'
import './RegistrationForm.scss'

export interface RegistrationFormProps {
  options: RegistrationOptions
  /** The community lives in the page: its buildings come from options(communityId). */
  communityId: string | undefined
  onCommunityChange: (id: string | undefined) => void
  initialUnitId?: string
  /** The form filled in already (迁移, 重新提交: what the card says); the community comes from `communityId`. */
  initial?: { name?: string; unitId?: string; buildingId?: string; skills?: string[]; skillNote?: string; freeTime?: string[] }
  /**
   * The masked phone on record (迁移, 重新提交): the phone may then be left empty to keep it,
   * and is left out of the input. Without it the phone is required, as for a first 报到.
   * The phone is typed in the browser (local mode) and WeChat's getPhoneNumber code in WeChat (PhoneField).
   */
  keepPhone?: string
  /** The button's words: 提交报到 unless said otherwise (确认迁移, 重新提交). */
  submitLabel?: string
  /** The buildings in `options` are still those of the previous community. */
  buildingsLoading?: boolean
  /**
   * Sends the input through the transport, which checks it against the shared schema first.
   * It carries `phone` (typed) or `phoneCode` (WeChat's), or neither when the field was left
   * alone (then the schema asks for one, unless `keepPhone` keeps the one on record).
   */
  onSubmit: (input: MoveInput) => Promise<void>
  /** Offered when the backend says a registration already exists. */
  onOpenCard?: () => void
}

const MAX_SKILLS = 8

/** The 报到 form: who I am, where I work, where I live, what I can do and when. */
export function RegistrationForm(props: RegistrationFormProps) {
  const { options, communityId, onCommunityChange, buildingsLoading, onSubmit, onOpenCard, initial, keepPhone } = props
  const submitLabel = props.submitLabel ?? '提交报到'
  const [name, setName] = useState(initial?.name ?? '')
  const [phone, setPhone] = useState<PhoneInput>({})
  const [phoneSpent, setPhoneSpent] = useState(false)
  const [unitId, setUnitId] = useState<string | undefined>(initial?.unitId ?? props.initialUnitId)
  const [buildingId, setBuildingId] = useState<string | undefined>(initial?.buildingId)
  const [skills, setSkills] = useState<string[]>(initial?.skills ?? [])
  const [skillNote, setSkillNote] = useState(initial?.skillNote ?? '')
  const [freeTime, setFreeTime] = useState<string[]>(initial?.freeTime ?? [])
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const fieldErrors = fieldErrorsOf(error)

  const submit = async () => {
    if (sending) return
    setSending(true)
    setError(null)
    const sentCode = phone.phoneCode
    const input = {
      name,
      ...(sentCode ? { phoneCode: sentCode } : phone.phone?.trim() ? { phone: phone.phone } : {}),
      unitId: unitId ?? '',
      communityId: communityId ?? '',
      ...(buildingId ? { buildingId } : {}),
      skills,
      ...(skillNote.trim() ? { skillNote } : {}),
      freeTime,
    } as MoveInput
    try {
      await onSubmit(input)
    } catch (e) {
      const apiError = toApiError(e)
      setError(apiError)
      // WeChat's code is good once and the function exchanged it before anything else (only the
      // shared schema refuses before that): the person taps the phone button again.
      if (sentCode && apiError.code !== 'REQUEST.INVALID') {
        setPhone({})
        setPhoneSpent(true)
      }
      void Taro.showToast({ title: summaryOf(apiError), icon: 'none', duration: 3000 })
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='reg-form' data-testid='reg-form'>
      <View className='reg-form__field'>
        <Text className='reg-form__label'>姓名</Text>
        <Input
          className={`reg-form__input${fieldErrors.name ? ' reg-form__input--error' : ''}`}
          data-testid='reg-name'
          placeholder='请填写真实姓名'
          maxlength={20}
          value={name}
          onInput={(e) => setName(e.detail.value)}
        />
        {fieldErrors.name && <Text className='reg-form__error' data-testid='reg-name-error'>{fieldErrors.name}</Text>}
      </View>

      <PhoneField
        value={phone}
        onChange={(value) => {
          setPhone(value)
          setPhoneSpent(false)
        }}
        keepPhone={keepPhone}
        error={fieldErrors.phone ?? (phoneSpent ? '请重新点击「微信手机号快速填写」' : undefined)}
      />

      <SelectField
        label='工作单位'
        placeholder='请选择您的工作单位'
        options={options.units.map((u) => ({ id: u.id, name: u.name, hint: u.kind }))}
        value={unitId}
        onChange={setUnitId}
        error={fieldErrors.unitId}
        testId='reg-unit'
      />

      <SelectField
        label='居住社区'
        placeholder='请选择您居住的社区'
        options={options.communities.map((c) => ({ id: c.id, name: c.name, hint: c.streetName }))}
        value={communityId}
        onChange={(id) => {
          setBuildingId(undefined)
          onCommunityChange(id)
        }}
        error={fieldErrors.communityId}
        testId='reg-community'
      />

      <SelectField
        label='楼栋（选填）'
        placeholder={communityId ? (buildingsLoading ? '正在加载楼栋…' : '请选择您住的楼栋') : '请先选择居住社区'}
        options={communityId && !buildingsLoading ? options.buildings.map((b) => ({ id: b.id, name: b.name, group: b.compoundName })) : []}
        value={buildingId}
        onChange={setBuildingId}
        optional
        disabled={!communityId || buildingsLoading}
        emptyText='这个社区还没有登记楼栋，可以不选'
        error={fieldErrors.buildingId}
        testId='reg-building'
      />

      <View className='reg-form__field'>
        <Text className='reg-form__label'>特长（可多选）</Text>
        <ChoiceTags options={options.skills} selected={skills} onChange={setSkills} max={MAX_SKILLS} testId='reg-skills' />
        <Input
          className='reg-form__input reg-form__input--below'
          data-testid='reg-skill-note'
          placeholder='其他特长，可不填'
          maxlength={100}
          value={skillNote}
          onInput={(e) => setSkillNote(e.detail.value)}
        />
        {(fieldErrors.skills || fieldErrors.skillNote) && (
          <Text className='reg-form__error'>{fieldErrors.skills ?? fieldErrors.skillNote}</Text>
        )}
      </View>

      <View className='reg-form__field'>
        <Text className='reg-form__label'>空闲时间（可多选）</Text>
        <ChoiceTags options={options.freeTime} selected={freeTime} onChange={setFreeTime} testId='reg-free-time' />
      </View>

      {error && (
        <View className='reg-form__problem' data-testid='reg-error' data-code={error.code}>
          <Text className='reg-form__problem-text'>{summaryOf(error)}</Text>
          {error.code === 'REGISTRATION.ALREADY_REGISTERED' && onOpenCard && (
            <View className='reg-form__link' data-testid='reg-open-card' onClick={onOpenCard}>
              查看我的报到证 ›
            </View>
          )}
        </View>
      )}

      <View
        className={`reg-form__submit${sending ? ' reg-form__submit--busy' : ''}`}
        hoverClass='reg-form__submit--pressed'
        data-testid='reg-submit'
        onClick={() => void submit()}
      >
        {sending ? '正在提交…' : submitLabel}
      </View>
    </View>
  )
}
