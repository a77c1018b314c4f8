import { useState } from 'react'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { DomainError, messageFor } from '@domain/errors'
import { checkVisit, NEED_KIND_LABELS, NEED_KINDS, type NeedKind } from '@domain/grid/visits'
import type { QueuedVisit } from '@/hooks/useHouseholds'
import { textOf } from '@/components/WishIntake/textOf'
import { checkLocalPhoto, type LocalPhoto } from '@/services/uploadCheck'
import './VisitForm.scss'

const MAX_PHOTOS = 3
const MAX_NEEDS = 5

export interface VisitFormProps {
  householdId: string | null
  /** 1栋 1单元101: who the visit is at, as the worker chose it. */
  householdLabel: string
  choosePhotos: (max: number) => Promise<LocalPhoto[]>
  keepPhotos?: (photos: LocalPhoto[]) => Promise<LocalPhoto[]>
  onRemovePhoto?: (photo: LocalPhoto) => void
  /** Hands the checked record over to the device queue; must not throw for network trouble. */
  onSubmit: (visit: QueuedVisit, photos: LocalPhoto[]) => void
  now?: () => Date
}

type Need = { kind: NeedKind; text: string }

/**
 * 走访记录 at the door. The visit's own rules (domain/grid/visits.ts checkVisit) run on the phone
 * with the function's messages, so with no signal the worker fixes it there, not hours later.
 */
export function VisitForm({ householdId, householdLabel, choosePhotos, keepPhotos, onRemovePhoto, onSubmit, now = () => new Date() }: VisitFormProps) {
  const [seen, setSeen] = useState('')
  const [needs, setNeeds] = useState<Need[]>([])
  const [photos, setPhotos] = useState<LocalPhoto[]>([])
  const [error, setError] = useState<string | null>(null)

  const addPhotos = async () => {
    try {
      const chosen = (await choosePhotos(MAX_PHOTOS - photos.length)).filter((p) => {
        checkLocalPhoto(p)
        return true
      })
      const kept = keepPhotos ? await keepPhotos(chosen) : chosen
      setPhotos((ps) => [...ps, ...kept].slice(0, MAX_PHOTOS))
    } catch (e) {
      setError(e instanceof Error ? e.message : '照片没有选好，请重试')
    }
  }

  const setNeed = (i: number, patch: Partial<Need>) => setNeeds((ns) => ns.map((n, j) => (j === i ? { ...n, ...patch } : n)))

  const submit = () => {
    const visitedAt = now().toISOString()
    const record: QueuedVisit = { householdId, visitedAt, seen: seen.trim(), needs: needs.map((n) => ({ kind: n.kind, text: n.text.trim() })), photos: [] }
    try {
      // The key is the queue's; a well-formed stand-in lets the other rules speak.
      checkVisit({ ...record, key: 'device0-1' }, now())
    } catch (e) {
      setError(e instanceof DomainError ? e.message : messageFor('REQUEST.INVALID'))
      return
    }
    setError(null)
    onSubmit(record, photos)
    setSeen('')
    setNeeds([])
    setPhotos([])
  }

  return (
    <View className='visit-form' data-testid='visit-form'>
      <View className='visit-form__field'>
        <Text className='visit-form__label'>走访住户</Text>
        <Text className='visit-form__value' data-testid='visit-household'>
          {householdId ? householdLabel : '请先在住户名单里选择一户'}
        </Text>
      </View>
      <View className='visit-form__field'>
        <Text className='visit-form__label'>看到的情况</Text>
        <Textarea className='visit-form__textarea' data-testid='visit-seen' value={seen} maxlength={500} placeholder='身体、居住、生活情况（不写电话号码）' onInput={(e) => setSeen(textOf(e))} />
      </View>
      <View className='visit-form__field'>
        <Text className='visit-form__label'>发现的需求（可不填，最多{MAX_NEEDS}项）</Text>
        {needs.map((n, i) => (
          <View key={i} className='visit-form__need' data-testid='visit-need'>
            <View className='visit-form__kinds'>
              {NEED_KINDS.map((k) => (
                <View key={k} className={`visit-form__kind${n.kind === k ? ' visit-form__kind--on' : ''}`} data-testid='visit-need-kind' data-value={k} data-selected={String(n.kind === k)} onClick={() => setNeed(i, { kind: k })}>
                  {n.kind === k ? '✓ ' : ''}
                  {NEED_KIND_LABELS[k]}
                </View>
              ))}
            </View>
            <Textarea className='visit-form__textarea visit-form__textarea--short' data-testid='visit-need-text' value={n.text} maxlength={200} placeholder='需要什么' onInput={(e) => setNeed(i, { text: textOf(e) })} />
            <View className='visit-form__remove' data-testid='visit-need-remove' onClick={() => setNeeds((ns) => ns.filter((_, j) => j !== i))}>
              删除这项需求
            </View>
          </View>
        ))}
        {needs.length < MAX_NEEDS && (
          <View className='visit-form__add' data-testid='visit-add-need' onClick={() => setNeeds((ns) => [...ns, { kind: 'wish', text: '' }])}>
            ＋ 添加一项需求
          </View>
        )}
      </View>
      <View className='visit-form__field'>
        <Text className='visit-form__label'>照片（可不填，最多{MAX_PHOTOS}张）</Text>
        <View className='visit-form__photos'>
          {photos.map((p, i) => (
            <View
              key={p.path}
              className='visit-form__photo'
              data-testid='visit-photo'
              onClick={() => {
                onRemovePhoto?.(p)
                setPhotos((ps) => ps.filter((_, j) => j !== i))
              }}
            >
              <Image className='visit-form__photo-img' src={p.path} mode='aspectFill' nativeProps={{ alt: '走访照片' }} />
              <Text className='visit-form__photo-remove'>删除</Text>
            </View>
          ))}
          {photos.length < MAX_PHOTOS && (
            <View className='visit-form__photo visit-form__photo--add' data-testid='visit-add-photo' onClick={() => void addPhotos()}>
              ＋ 拍照
            </View>
          )}
        </View>
      </View>
      {error ? (
        <Text className='visit-form__error' data-testid='visit-error'>
          {error}
        </Text>
      ) : null}
      <View className='visit-form__submit' hoverClass='visit-form__submit--pressed' data-testid='visit-submit' onClick={submit}>
        保存走访记录
      </View>
      <Text className='visit-form__hint'>没有信号也可以保存，记录先存在手机上，有网络时自动发送，不会重复。</Text>
    </View>
  )
}
