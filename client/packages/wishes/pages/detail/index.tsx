import { useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { DELIVERY_MAX_PHOTOS } from '@domain/wishes'
import { wishIdFromScene } from '@domain/wishes/qr'
import type { WishDetail } from '@domain/api/wishes'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { messageOf } from '@/services/ApiError'
import { WishDetailView, type WishAction } from '@/components/WishDetail/WishDetail'
import { renderShareImage } from '@/components/WishShareImage/render'
import { usePageParams } from '@/hooks/usePageParams'
import { useWishDetail } from '@/hooks/useWishes'
import { openPage } from '@/navigation'
import { withSubscribe, type SubscribeMoment } from '@/services/subscribe'
import { choosePhotos, uploadPhoto } from '@/services/upload'
import * as wishes from '@/services/wishes'

/** The wish's id from `id` (links, shared cards) or a poster code's scene (wishQrScene). */
export function wishIdOf(params: Record<string, string>): string | null {
  if (params.id) return params.id
  return params.scene ? wishIdFromScene(params.scene) : null
}

const DONE_TOAST: Record<WishAction['verb'], string> = {
  light: '已点亮，感谢您的爱心',
  giveUp: '已放弃认领',
  deliver: '已标记送达',
  confirm: '已确认收到',
  disputeDelivery: '已告知点亮人',
  rate: '感谢您的评价',
  verify: '已记录走访核实',
  publish: '已发布到心愿墙',
  reject: '已退回',
  takeDown: '已下架',
  revokeClaim: '已撤销认领',
  edit: '已保存修改',
  resubmit: '已重新提交',
}

/** The steps after which the person may want to hear what happens next (domain/notifications.ts). */
const SUBSCRIBE_AT: Partial<Record<WishAction['verb'], SubscribeMoment>> = { light: 'light', deliver: 'deliver' }

async function perform(id: string, action: WishAction): Promise<WishDetail> {
  switch (action.verb) {
    case 'light':
      return wishes.lightWish(id)
    case 'confirm':
      return wishes.confirmWish(id)
    case 'publish':
      return wishes.publishWish(id)
    case 'giveUp':
      return wishes.giveUpWish(id, action.reason)
    case 'reject':
      return wishes.rejectWish(id, action.reason)
    case 'takeDown':
      return wishes.takeDownWish(id, action.reason)
    case 'revokeClaim':
      return wishes.revokeClaim(id, action.reason)
    case 'disputeDelivery':
      return wishes.disputeDelivery(id, action.reason)
    case 'verify':
      return wishes.verifyWish(id, action.note)
    case 'rate':
      return wishes.rateWish(id, action.stars, action.thanks)
    case 'edit':
      return wishes.editWish({ id, ...action.patch })
    case 'resubmit':
      return wishes.resubmitWish({ id, ...action.patch })
    case 'deliver': {
      const chosen = await choosePhotos(DELIVERY_MAX_PHOTOS)
      if (!chosen.length) throw new Error('请选择送达照片')
      const photos = []
      for (const p of chosen) photos.push(await uploadPhoto(p, 'wishes/delivery'))
      return wishes.deliverWish(id, photos, action.note)
    }
  }
}

/** A wish: what the caller may see, its progress and their next step; shared into group chats. */
export default function WishDetailPage() {
  const params = usePageParams()
  const id = wishIdOf(params)
  const wish = useWishDetail(id)
  const [error, setError] = useState<string | null>(null)
  const [shareImage, setShareImage] = useState<{ url: string; ms: number } | null>(null)
  const share = wish.data?.share

  // Drawn again only when what the image shows changes (title, progress, button).
  const imageKey = share ? JSON.stringify(share.imageFields) : null
  useEffect(() => {
    if (!share) return
    let live = true
    renderShareImage(share.imageFields)
      .then((img) => {
        if (live) setShareImage(img)
      })
      .catch(() => {
        // Without an image WeChat uses a screenshot of the page; sharing still works.
      })
    return () => {
      live = false
    }
  }, [imageKey])

  useShareAppMessage(() => {
    if (!share) return {}
    return shareImage ? { title: share.title, path: share.path, imageUrl: shareImage.url } : { title: share.title, path: share.path }
  })

  const onAction = async (action: WishAction) => {
    if (!id) return
    setError(null)
    try {
      // The subscription panel opens first, inside the tap (WeChat's rule); whatever the answer, the step goes on.
      const moment = SUBSCRIBE_AT[action.verb]
      const next = moment ? await withSubscribe(moment, () => perform(id, action)) : await perform(id, action)
      wish.set(next)
      void Taro.showToast({ title: DONE_TOAST[action.verb], icon: 'success', duration: 1500 })
    } catch (e) {
      const message = e instanceof Error && !('code' in e) ? e.message : messageOf(e)
      setError(message)
      // Someone else was faster, or the wish moved on: show it as it is now.
      void wish.reload()
    }
  }

  return (
    <Page className='page' data-testid='page-wish-detail' data-id={id ?? ''} data-from={params.from ?? ''}>
      {!id ? (
        <Text className='wish-detail__none' data-testid='wish-no-id'>
          没有找到这个心愿，请从心愿墙打开。
        </Text>
      ) : wish.data ? (
        <WishDetailView wish={wish.data} onAction={onAction} error={error} shareImage={shareImage} onPoster={() => openPage('wishPoster', { id: wish.data!.id })} />
      ) : (
        <LoadPanel error={wish.error} onRetry={() => void wish.reload()} />
      )}
    </Page>
  )
}
