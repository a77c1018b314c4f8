import { useState } from 'react'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { DomainError } from '@domain/errors'
import { checkContent, checkPhotos, checkText, WISH_CATEGORIES, WISH_MAX_PHOTOS, type WishCategory } from '@domain/wishes'
import type { QueuedIntake } from '@/services/offlineQueue'
import { checkLocalPhoto, type LocalPhoto } from '@/services/uploadCheck'
import { SelectField, type SelectOption } from '@/components/SelectField/SelectField'
import { Chips } from '@/components/WishCard/WishCard'
import { textOf } from './textOf'
import './WishIntakeForm.scss'

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
  now?: () => Date
}

type Field = 'buildingId' | 'beneficiaryName' | 'beneficiaryPhone' | 'room' | 'category' | 'title' | 'details' | 'estimatedValue' | 'photos' | 'consent'

/**
 * The wish card at the door. Everything the function will check that can be checked on the
 * phone is checked here with the same domain rules and messages, because with no signal the
 * worker must fix it now, in front of the person, not find a refusal hours later.
 */
export function WishIntakeForm({ mode, buildings, selfName, choosePhotos, keepPhotos, onRemovePhoto, onSubmit, now = () => new Date() }: WishIntakeFormProps) {
  const [buildingId, setBuildingId] = useState<string | undefined>(buildings.length === 1 ? buildings[0].id : undefined)
  const [name, setName] = useState(selfName ?? '')
  const [phone, setPhone] = useState('')
  const [room, setRoom] = useState('')
  const [category, setCategory] = useState<WishCategory | ''>('')
  const [title, setTitle] = useState('')
  const [details, setDetails] = useState('')
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
    const buildingName = buildings.find((b) => b.id === buildingId)?.name ?? ''
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
    onSubmit(intake, photos)
    setTitle('')
    setDetails('')
    setValue('')
    setPhotos([])
    setConsent(null)
    if (mode === 'household') {
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
      <SelectField label='受助人所在楼栋' placeholder='请选择楼栋' options={buildings} value={buildingId} onChange={setBuildingId} testId='intake-building' error={errors.buildingId} emptyText='没有可选的楼栋' />
      {mode === 'household' && textInput('beneficiaryName', '受助人姓名', name, setName, '仅工作人员可见，心愿墙只显示姓氏')}
      {mode === 'household' && textInput('beneficiaryPhone', '受助人电话（可不填）', phone, setPhone, '仅工作人员可见')}
      {textInput('room', '门牌号（可不填）', room, setRoom, '例如：2单元501')}
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
