import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { wishQrScene } from '@domain/wishes/qr'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { renderPoster } from '@/components/WishShareImage/render'
import { usePageParams } from '@/hooks/usePageParams'
import { useWishDetail } from '@/hooks/useWishes'
import { wishPosterCode } from '@/services/wishes'
import { canSaveImage, saveImage } from '@/utils/saveImage'
import './index.scss'

/**
 * 心愿海报 for Moments or printing: the share card (masked beneficiary only) and the code that
 * opens the wish (scene `w:<id>`). Drawn from `share.imageFields`, never from the record.
 */
export default function WishPosterPage() {
  const params = usePageParams()
  const id = params.id || null
  const wish = useWishDetail(id)
  const [poster, setPoster] = useState<string | null>(null)
  const fields = wish.data?.share.imageFields
  const key = fields ? JSON.stringify(fields) : null

  useEffect(() => {
    if (!fields) return
    let live = true
    // Without the code (offline, or WeChat refusing), the poster still prints and says what to search for.
    wishPosterCode(wish.data!.id)
      .then((code) => code.imageBase64, () => null)
      .then((codeBase64) => renderPoster(fields, codeBase64))
      .then((url) => {
        if (live) setPoster(url)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [key])

  if (!wish.data) return <Page className='page' data-testid='page-wish-poster'><LoadPanel error={wish.error} onRetry={() => void wish.reload()} /></Page>

  return (
    <Page className='page poster-page' data-testid='page-wish-poster' data-scene={wishQrScene(wish.data.id)}>
      {poster ? <Image className='poster-page__image' src={poster} mode='widthFix' data-testid='poster-image' nativeProps={{ alt: `心愿海报：${wish.data.title}` }} /> : <Text className='poster-page__wait'>正在生成海报…</Text>}
      {poster && canSaveImage && (
        <View className='poster-page__save' hoverClass='poster-page__save--pressed' data-testid='poster-save' onClick={() => void saveImage(poster, `微心愿-${wish.data!.id}.png`)}>
          保存海报
        </View>
      )}
      <Text className='poster-page__tip'>海报上只有心愿和受助人的姓氏，可以发朋友圈或打印张贴。</Text>
    </Page>
  )
}
