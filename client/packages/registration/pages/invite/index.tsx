import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { inviteTarget } from '@/hooks/inviteTarget'
import { useInviteCode } from '@/hooks/useInviteCode'
import { usePageParams } from '@/hooks/usePageParams'
import { useWhoAmI } from '@/hooks/useWhoAmI'
// Relative on purpose: Taro resolves saveImage.h5.ts / saveImage.weapp.ts by platform.
import { canSaveImage, saveImage } from '../../../../utils/saveImage'
import './index.scss'

/**
 * 报到邀请码: the mini-program code of the community or unit the admin looks after. Scanning it
 * opens 报到 with that community or unit filled in.
 */
export default function InvitePage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const target = inviteTarget(params, who.data)
  const code = useInviteCode(target?.scope ?? null, target?.scopeId ?? null)
  const place = target?.scopeName ?? (target?.scope === 'unit' ? '本单位' : '本社区')

  const save = async (dataUrl: string) => {
    try {
      await saveImage(dataUrl, `报到邀请码-${place}.png`)
    } catch {
      void Taro.showToast({ title: '没能保存图片，请截屏保存', icon: 'none', duration: 3000 })
    }
  }

  let body
  if (!target) {
    body = who.error ? (
      <LoadPanel error={who.error} onRetry={() => void who.reload()} />
    ) : who.data ? (
      <View className='invite-page__none' data-testid='invite-no-scope'>
        <Text className='invite-page__none-text'>只有社区或单位的管理员可以出示报到邀请码。请到「我的」切换为管理员身份。</Text>
      </View>
    ) : (
      <LoadPanel error={null} onRetry={() => {}} />
    )
  } else if (!code.data) {
    body = <LoadPanel error={code.error} onRetry={() => void code.reload()} />
  } else {
    const dataUrl = `data:${code.data.contentType};base64,${code.data.imageBase64}`
    body = (
      <View className='invite-page__body'>
        <View className='invite-page__frame'>
          <Image className='invite-page__image' src={dataUrl} mode='aspectFit' data-testid='invite-image' nativeProps={{ alt: '报到邀请码（小程序码）' }} />
        </View>
        <Text className='invite-page__tip' data-testid='invite-tip'>
          用微信扫一扫，到「{place}」报到
        </Text>
        <Text className='invite-page__scene' data-testid='invite-scene'>
          {code.data.scene}
        </Text>
        {canSaveImage && (
          <View className='invite-page__button' hoverClass='invite-page__button--pressed' data-testid='invite-save' onClick={() => void save(dataUrl)}>
            保存图片
          </View>
        )}
      </View>
    )
  }

  return (
    <Page className='page' data-testid='page-invite' data-kind={target?.scope ?? ''} data-id={target?.scopeId ?? ''}>
      {target && (
        <View className='invite-page__head'>
          <Text className='invite-page__title' data-testid='invite-title'>
            {place} 报到邀请码
          </Text>
          <Text className='invite-page__hint'>请在职党员扫码，报到表里会自动填好{target.scope === 'unit' ? '本单位' : '本社区'}</Text>
        </View>
      )}
      {body}
    </Page>
  )
}
