import { useState } from 'react'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProblemCategory, ProblemPlace } from '@domain/api/problems'
import { PROBLEM_CATEGORIES } from '@domain/problems/lifecycle'
import { messageFor } from '@domain/errors'
import type { WishPhoto } from '@domain/wishes'
import { textOf } from '@/components/WishIntake/textOf'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { usePlaces } from '@/hooks/useProblems'
import { replacePage } from '@/navigation'
import * as problems from '@/services/problems'
import { messageOf } from '@/services/ApiError'
import { withSubscribe } from '@/services/subscribe'
import { choosePhotos, uploadPhoto } from '@/services/upload'
import './index.scss'

const MAX_PHOTOS = 3
const LEVEL_TITLES = ['社区', '小区', '网格 / 楼栋', '楼栋'] as const

/** 随手拍: what (a category and words), where (community → compound → grid or building), a photo. */
export default function ReportPage() {
  const [trail, setTrail] = useState<ProblemPlace[]>([])
  const last = trail[trail.length - 1] ?? null
  const places = usePlaces(last && last.more ? last.id : null)
  const [category, setCategory] = useState<ProblemCategory>('环境卫生')
  const [description, setDescription] = useState('')
  const [address, setAddress] = useState('')
  const [photos, setPhotos] = useState<WishPhoto[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const pick = (p: ProblemPlace) => setTrail((t) => [...t, p])
  const back = (index: number) => setTrail((t) => t.slice(0, index))

  const addPhoto = async () => {
    setError(null)
    try {
      const chosen = await choosePhotos(MAX_PHOTOS - photos.length)
      const sent = await Promise.all(chosen.map((c) => uploadPhoto(c, 'problems')))
      setPhotos((list) => [...list, ...sent].slice(0, MAX_PHOTOS))
    } catch (e) {
      setError(messageOf(e))
    }
  }

  const submit = async () => {
    setError(null)
    // The same checks the function makes, before anything is sent.
    if (!last) return setError(messageFor('PROBLEM.NO_PLACE'))
    if (Array.from(description.trim()).length < 2) return setError(messageFor('PROBLEM.TEXT_EMPTY'))
    if (photos.length === 0) return setError(messageFor('PROBLEM.PHOTO_REQUIRED'))
    setBusy(true)
    try {
      const done = await withSubscribe('problemReport', () => problems.reportProblem({ category, description: description.trim(), placeNodeId: last.id, address: address.trim(), photos }))
      void Taro.showToast({ title: '已上报，可在「我上报的」里跟进', icon: 'none', duration: 2000 })
      replacePage('problem', { id: done.id })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const choosing = !last || last.more
  return (
    <Page className='page report-page' data-testid='page-report'>
      <View className='report-page__card'>
        <Text className='report-page__label'>问题类别</Text>
        <View className='report-page__chips' role='radiogroup' aria-label='问题类别'>
          {PROBLEM_CATEGORIES.map((c) => (
            <View
              key={c}
              className={`report-page__chip${c === category ? ' report-page__chip--on' : ''}`}
              role='radio'
              aria-checked={c === category}
              data-testid='report-category'
              data-value={c}
              data-selected={c === category ? 'true' : 'false'}
              onClick={() => setCategory(c)}
            >
              {c}
            </View>
          ))}
        </View>

        <Text className='report-page__label'>在哪里</Text>
        {trail.length > 0 && (
          <View className='report-page__trail' data-testid='report-place' data-id={last?.id ?? ''}>
            {trail.map((p, i) => (
              <View key={p.id} className='report-page__crumb' role='button' data-testid='report-crumb' onClick={() => back(i)}>
                {`${p.name} ✕`}
              </View>
            ))}
          </View>
        )}
        {choosing &&
          (places.data ? (
            <>
              <Text className='report-page__hint'>{`选择${LEVEL_TITLES[Math.min(trail.length, LEVEL_TITLES.length - 1)]}${trail.length > 0 ? '（也可以就选到这里）' : ''}`}</Text>
              <View className='report-page__chips'>
                {places.data.items.map((p) => (
                  <View key={p.id} className='report-page__chip' role='button' data-testid='report-place-option' data-id={p.id} onClick={() => pick(p)}>
                    {p.name}
                  </View>
                ))}
              </View>
            </>
          ) : (
            <LoadPanel error={places.error} onRetry={() => void places.reload()} />
          ))}
        <Input
          className='report-page__input'
          data-testid='report-address'
          value={address}
          maxlength={60}
          placeholder='具体位置，例如：1单元一楼楼道'
          onInput={(e) => setAddress(textOf(e))}
          nativeProps={{ 'aria-label': '具体位置' }}
        />

        <Text className='report-page__label'>发现了什么问题</Text>
        <Textarea
          className='report-page__textarea'
          data-testid='report-text'
          value={description}
          maxlength={300}
          placeholder='例如：楼道堆了旧家具，挡住了消防通道'
          onInput={(e) => setDescription(textOf(e))}
        />

        <Text className='report-page__label'>现场照片（必填）</Text>
        <View className='report-page__photos'>
          {photos.map((p) => (
            <View key={p.fileId} className='report-page__photo' data-testid='report-photo'>
              <Image className='report-page__photo-img' src={p.fileId} mode='aspectFill' nativeProps={{ alt: '现场照片' }} />
            </View>
          ))}
          {photos.length < MAX_PHOTOS && (
            <View className='report-page__photo report-page__photo--add' role='button' data-testid='report-add-photo' onClick={() => void addPhoto()}>
              ＋ 拍照
            </View>
          )}
        </View>

        {error && (
          <Text className='report-page__error' data-testid='report-error'>
            {error}
          </Text>
        )}
        <View className={`report-page__submit${busy ? ' report-page__submit--busy' : ''}`} hoverClass='report-page__submit--pressed' role='button' data-testid='report-submit' onClick={() => void (busy ? null : submit())}>
          {busy ? '正在上报…' : '上报问题'}
        </View>
      </View>
    </Page>
  )
}
