import { useState } from 'react'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { DomainError } from '@domain/errors'
import { checkContent, checkPhotos, checkText, WISH_CATEGORIES, WISH_MAX_PHOTOS, type WishCategory } from '@domain/wishes'
import type { NeedLink, QueuedIntake } from '@/services/offlineQueue'
import { checkLocalPhoto, type LocalPhoto } from '@/services/uploadCheck'
import { SelectField, type SelectOption } from '@/components/SelectField/SelectField'
import { Chips } from '@/components/WishCard/WishCard'
import { textOf } from './textOf'
import './WishIntakeForm.scss'

/**
 * The household the wish is for, already known (a need found on a visit, a household picked from
 * the grid): its building is chosen and shown, its door filled, never retyped.
 */
export interface IntakeHousehold {
  buildingId: string
  buildingName: string
  door: string
  /** The need's words, the wish's details to start from. */
  details?: string
  /** The residents to pick the beneficiary from (whole names: the grid worker's own household page shows them). */
  residents?: readonly { name: string; phone: string | null }[]
  /** The visit's need this wish answers: the visit learns the wish once it is sent. */
  followUp?: NeedLink
}

export interface WishIntakeFormProps {
  /** household: a grid worker at someone's door; self: a resident for themself. */
  mode: 'household' | 'self'
  buildings: readonly SelectOption[]
  /** The resident's own name for `self`. */
  selfName?: string
  /** Photo picker (the platform's camera/album); returns the chosen photos, maybe none. */
  choosePhotos: (max: number) => Promise<LocalPhoto[]>
  /**
   * Keeps the checked photos' bytes on the device (services/photoStore*.ts) so a queued card keeps
   * them across a reload; answers the photos to hold. Rejects with a message when the device is full.
   */
  keepPhotos?: (photos: LocalPhoto[]) => Promise<LocalPhoto[]>
  /** A kept photo the worker deleted from the card before submitting. */
  onRemovePhoto?: (photo: LocalPhoto) => void
  /** Hands the checked submission over (to the offline queue); must not throw for network trouble. */
  onSubmit: (intake: QueuedIntake, photos: LocalPhoto[]) => void
  /** Prefilled from a visit's need or the household picker (household mode). */
  household?: IntakeHousehold | null
  now?: () => Date
}

type Field = 'buildingId' | 'beneficiaryName' | 'beneficiaryPhone' | 'room' | 'category' | 'title' | 'details' | 'estimatedValue' | 'photos' | 'consent'

/**
 * The wish card at the door. Everything the function will check that can be checked on the
 * phone is checked here with the same domain rules and messages, because with no signal the
 * worker must fix it now, in front of the person, not find a refusal hours later.
 */
export function WishIntakeForm({ mode, buildings, selfName, choosePhotos, keepPhotos, onRemovePhoto, onSubmit, household, now = () => new Date() }: WishIntakeFormProps) {
  const [buildingId, setBuildingId] = useState<string | undefined>(household?.buildingId ?? (buildings.length === 1 ? buildings[0].id : undefined))
  const [name, setName] = useState(selfName ?? (household?.residents?.length === 1 ? household.residents[0].name : ''))
  const [phone, setPhone] = useState(household?.residents?.length === 1 ? (household.residents[0].phone ?? '') : '')
  const [room, setRoom] = useState(household?.door ?? '')
  const [category, setCategory] = useState<WishCategory | ''>('')
  const [title, setTitle] = useState('')
  const [details, setDetails] = useState(household?.details ?? '')
  // One need, one wish: the link goes with the first card only, never with the next one typed here.
  const [followUp, setFollowUp] = useState<NeedLink | undefined>(household?.followUp)
  // A household picked later (the picker) fills the card again; its residents read after the page
  // opened only name a sole resident nobody typed yet, never undo what was typed. Compared by
  // content, so a parent's fresh object each render changes nothing.
  const householdKey = household ? JSON.stringify([household.buildingId, household.door, household.followUp ?? null]) : ''
  const residentsKey = JSON.stringify(household?.residents ?? null)
  const [filledFor, setFilledFor] = useState({ household: householdKey, residents: residentsKey })
  if (householdKey !== filledFor.household || residentsKey !== filledFor.residents) {
    const moved = householdKey !== filledFor.household
    setFilledFor({ household: householdKey, residents: residentsKey })
    if (household && moved) {
      setBuildingId(household.buildingId)
      setRoom(household.door)
      if (household.details) setDetails(household.details)
      setFollowUp(household.followUp)
      setName('')
      setPhone('')
    }
    const sole = household?.residents?.length === 1 ? household.residents[0] : null
    if (sole && (moved || !name.trim())) {
      setName(sole.name)
      setPhone(sole.phone ?? '')
    }
  }
  const [value, setValue] = useState('')
  const [photos, setPhotos] = useState<LocalPhoto[]>([])
  const [consent, setConsent] = useState<'verbal' | 'signed' | 'self' | null>(mode === 'self' ? null : null)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})

  const addPhotos = async () => {
    let problem: string | undefined
    let ok: LocalPhoto[] = []
    try {
      const chosen = await choosePhotos(WISH_MAX_PHOTOS - photos.length)
      for (const p of chosen) {
        try {
          checkLocalPhoto(p)
          ok.push(p)
        } catch (e) {
          problem = (e as Error).message
        }
      }
      if (keepPhotos && ok.length) ok = await keepPhotos(ok)
    } catch (e) {
      // The picker failed or the phone has no room left for waiting photos: say so, keep the card.
      ok = []
      problem = e instanceof Error && e.message ? e.message : '照片没能添加，请重试'
    }
    setPhotos((list) => [...list, ...ok].slice(0, WISH_MAX_PHOTOS))
    setErrors((x) => ({ ...x, photos: problem }))
  }

  const removePhoto = (index: number) => {
    const gone = photos[index]
    setPhotos((list) => list.filter((_, j) => j !== index))
    if (gone) onRemovePhoto?.(gone)
  }

  const submit = () => {
    const found: Partial<Record<Field, string>> = {}
    const put = (field: Field, e: unknown) => {
      if (!found[field]) found[field] = e instanceof Error ? e.message : String(e)
    }
    if (!buildingId) found.buildingId = '请选择受助人所在楼栋'
    try {
      checkText('beneficiaryName', name)
    } catch (e) {
      put('beneficiaryName', e)
    }
    const phoneText = phone.trim()
    if (phoneText && !/^1[3-9]\d{9}$|^0\d{9,11}$/.test(phoneText)) found.beneficiaryPhone = '受助人电话格式不正确'
    if (room.trim()) {
      try {
        checkText('room', room)
      } catch (e) {
        put('room', e)
      }
    }
    const buildingName = buildings.find((b) => b.id === buildingId)?.name ?? (household && household.buildingId === buildingId ? household.buildingName : '')
    const estimated = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN
    try {
      checkContent({ title, details, estimatedValue: estimated, category }, { name: name.trim(), phone: phoneText || undefined, buildingName, room: room.trim() || undefined })
    } catch (e) {
      const field = e instanceof DomainError ? ((e.details as { field?: Field } | undefined)?.field ?? (e.code === 'WISH.BAD_CATEGORY' ? 'category' : 'title')) : 'title'
      put(field, e)
    }
    try {
      checkPhotos(photos, WISH_MAX_PHOTOS, false)
    } catch (e) {
      put('photos', e)
    }
    if (!consent) found.consent = '需要先记录受助人同意公开心愿'
    setErrors(found)
    if (Object.keys(found).length > 0) return

    const intake: QueuedIntake = {
      for: mode,
      title: title.trim(),
      details: details.trim(),
      estimatedValue: estimated,
      category,
      beneficiaryName: name.trim(),
      buildingId: buildingId!,
      photos: [],
      consent: { method: consent!, at: now().toISOString() },
    }
    if (phoneText) intake.beneficiaryPhone = phoneText
    if (room.trim()) intake.room = room.trim()
    if (followUp) intake.followUp = followUp
    onSubmit(intake, photos)
    setFollowUp(undefined)
    setTitle('')
    setDetails('')
    setValue('')
    setPhotos([])
    setConsent(null)
    // The next card at a known household is most likely for the same door: keep it.
    if (mode === 'household' && !household) {
      setName('')
      setPhone('')
      setRoom('')
      setCategory('')
    }
  }

  const err = (f: Field) =>
    errors[f] ? (
      <Text className='wish-form__error' data-testid={`intake-${f}-error`}>
        {errors[f]}
      </Text>
    ) : null

  const textInput = (f: Field, label: string, v: string, set: (s: string) => void, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className='wish-form__field'>
      <Text className='wish-form__label'>{label}</Text>
      <Input className={`wish-form__input${errors[f] ? ' wish-form__input--error' : ''}`} data-testid={`intake-${f}`} type={type} value={v} placeholder={placeholder} onInput={(e) => set(e.detail.value)} />
      {err(f)}
    </View>
  )

  const consentOptions = mode === 'self' ? ([['self', '我同意在心愿墙公开（姓名打码）']] as const) : ([['verbal', '已口头同意'], ['signed', '已签字同意']] as const)

  return (
    <View className='wish-form' data-testid='intake-form' data-mode={mode}>
      {household ? (
        <View className='wish-form__field' data-testid='intake-household' data-building={household.buildingId} data-linked={followUp ? 'true' : 'false'}>
          <Text className='wish-form__label'>受助住户</Text>
          <Text className='wish-form__fixed'>
            {household.buildingName} {household.door}
          </Text>
          {followUp && <Text className='wish-form__hint'>来自走访发现的需求，提交后走访记录会标明已转为心愿。</Text>}
        </View>
      ) : (
        <SelectField label='受助人所在楼栋' placeholder='请选择楼栋' options={buildings} value={buildingId} onChange={setBuildingId} testId='intake-building' error={errors.buildingId} emptyText='没有可选的楼栋' />
      )}
      {mode === 'household' && household?.residents && household.residents.length > 1 && (
        <View className='wish-form__field'>
          <Text className='wish-form__label'>这户的居民</Text>
          <Chips
            options={household.residents.map((r) => ({ id: r.name, label: r.name }))}
            value={name}
            onChange={(picked: string) => {
              const r = household.residents!.find((x) => x.name === picked)
              setName(picked)
              setPhone(r?.phone ?? '')
            }}
            testId='intake-resident'
          />
        </View>
      )}
      {mode === 'household' && textInput('beneficiaryName', '受助人姓名', name, setName, '仅工作人员可见，心愿墙只显示姓氏')}
      {mode === 'household' && textInput('beneficiaryPhone', '受助人电话（可不填）', phone, setPhone, '仅工作人员可见')}
      {!household && textInput('room', '门牌号（可不填）', room, setRoom, '例如：2单元501')}
      <View className='wish-form__field'>
        <Text className='wish-form__label'>受助人类别</Text>
        <Chips options={WISH_CATEGORIES.map((c) => ({ id: c, label: c }))} value={category as WishCategory} onChange={setCategory} testId='intake-category' />
        {err('category')}
      </View>
      {textInput('title', '心愿标题', title, setTitle, '例如：想要一台收音机（不写姓名电话）')}
      <View className='wish-form__field'>
        <Text className='wish-form__label'>心愿详情</Text>
        <Textarea className={`wish-form__textarea${errors.details ? ' wish-form__input--error' : ''}`} data-testid='intake-details' value={details} maxlength={500} placeholder='为什么需要，想要什么样的' onInput={(e) => setDetails(textOf(e))} />
        {err('details')}
      </View>
      {textInput('estimatedValue', '预估价值（元）', value, setValue, '1到2000之间的整数', 'number')}
      <View className='wish-form__field'>
        <Text className='wish-form__label'>
          入户照片（可不填，最多{WISH_MAX_PHOTOS}张，仅审核可见）
        </Text>
        <View className='wish-form__photos'>
          {photos.map((p, i) => (
            <View key={p.path} className='wish-form__photo' data-testid='intake-photo' onClick={() => removePhoto(i)}>
              <Image className='wish-form__photo-img' src={p.path} mode='aspectFill' nativeProps={{ alt: '上门照片' }} />
              <Text className='wish-form__photo-remove'>删除</Text>
            </View>
          ))}
          {photos.length < WISH_MAX_PHOTOS && (
            <View className='wish-form__photo wish-form__photo--add' data-testid='intake-add-photo' onClick={() => void addPhotos()}>
              ＋ 拍照
            </View>
          )}
        </View>
        {err('photos')}
      </View>
      <View className='wish-form__field'>
        <Text className='wish-form__label'>受助人同意公开</Text>
        {consentOptions.map(([method, label]) => (
          <View key={method} className={`wish-form__consent${consent === method ? ' wish-form__consent--on' : ''}`} data-testid='intake-consent' data-value={method} data-selected={consent === method ? 'true' : 'false'} onClick={() => setConsent(consent === method ? null : method)}>
            {consent === method ? '✓ ' : '○ '}
            {label}
          </View>
        ))}
        {err('consent')}
      </View>
      <View className='wish-form__submit' hoverClass='wish-form__submit--pressed' data-testid='intake-submit' onClick={submit}>
        提交心愿
      </View>
      <Text className='wish-form__hint'>没有信号也可以提交，心愿会先保存在手机上，有网络时自动发送。</Text>
    </View>
  )
}
