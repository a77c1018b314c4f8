import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { RegistrationCard } from '@/components/RegistrationCard/RegistrationCard'
import { MyRequirementProgress } from '@/components/RequirementProgress/RequirementProgress'
import { useCardQr, useMyCard } from '@/hooks/useRegistration'
import { openPage, replacePage } from '@/navigation'
import { toApiError } from '@/services/ApiError'
import { withdraw } from '@/services/registration'
import './index.scss'

/** 我的报到证: the state of my dual registration, its QR code, what is still missing, 撤回, 迁移 and 重新提交. */
export default function CardPage() {
  const card = useMyCard()
  const qr = useCardQr(card.data?.id)
  const [withdrawing, setWithdrawing] = useState(false)

  const askWithdraw = async () => {
    const answer = await Taro.showModal({
      title: '撤回报到',
      content: '撤回后单位和社区将不再看到这份报到，需要时可重新报到。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '不撤回',
      confirmColor: '#C8161D',
    })
    if (!answer.confirm) return
    setWithdrawing(true)
    try {
      card.set(await withdraw())
      void Taro.showToast({ title: '已撤回报到', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none', duration: 3000 })
    } finally {
      setWithdrawing(false)
    }
  }

  let body
  if (card.loading && !card.data) body = <LoadPanel error={null} onRetry={() => {}} />
  else if (card.error) body = <LoadPanel error={card.error} onRetry={() => void card.reload()} />
  else if (!card.data)
    body = (
      <View className='card-page__none' data-testid='card-none'>
        <Text className='card-page__none-title'>您还没有报到</Text>
        <Text className='card-page__none-text'>在职党员请到工作单位和居住社区“双报到”，确认后即可参加社区服务。</Text>
        <View className='card-page__button' data-testid='card-go-register' onClick={() => openPage('register')}>
          去报到
        </View>
      </View>
    )
  else
    body = (
      <RegistrationCard
        card={card.data}
        withdrawing={withdrawing}
        onWithdraw={() => void askWithdraw()}
        onRegisterAgain={() => openPage('register')}
        // The form replaces this page, and comes back as a fresh card: no stale card underneath.
        onMove={() => replacePage('register', { mode: 'move' })}
        onResubmit={() => replacePage('register', { mode: 'resubmit' })}
        qrSrc={qr.src}
      />
    )

  return (
    <Page className='page' data-testid='page-card'>
      {body}
      {card.data ? <MyRequirementProgress /> : null}
    </Page>
  )
}
