import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { RegistrationForm } from '@/components/RegistrationForm/RegistrationForm'
import { useInvite, useRegistrationOptions } from '@/hooks/useRegistration'
import { usePageParams } from '@/hooks/usePageParams'
import { openPage, replacePage } from '@/navigation'
import { register } from '@/services/registration'
import './index.scss'

/**
 * 报到: usually opened from an invitation (a community's or unit's QR code). The scene,
 * `c:<communityId>` or `u:<unitId>`, arrives as the page's `scene` parameter on both platforms.
 */
export default function RegisterPage() {
  const { scene } = usePageParams()
  const invite = useInvite(scene)
  const [chosenCommunity, setChosenCommunity] = useState<string | undefined | null>(null)
  const inviteReady = !scene || !invite.loading
  const invitedCommunity = invite.data?.kind === 'community' ? invite.data.id : undefined
  const communityId = chosenCommunity === null ? invitedCommunity : chosenCommunity
  const options = useRegistrationOptions(communityId, inviteReady)

  if (!inviteReady || !options.data) {
    return (
      <View className='page' data-testid='page-register'>
        <LoadPanel error={options.error} onRetry={() => void options.reload()} />
      </View>
    )
  }

  return (
    <View className='page' data-testid='page-register'>
      {invite.data && (
        <View className='register__invite' data-testid='register-invite' data-kind={invite.data.kind} data-id={invite.data.id}>
          <Text className='register__invite-text'>
            {invite.data.kind === 'community' ? `邀请您到「${invite.data.name}」报到` : `「${invite.data.name}」邀请您报到`}
          </Text>
          <Text className='register__invite-hint'>
            {invite.data.kind === 'community' ? '填写工作单位后，单位和社区都确认即完成双报到' : '请选择您居住的社区，单位和社区都确认即完成双报到'}
          </Text>
        </View>
      )}
      {invite.error && (
        <View className='register__invite register__invite--bad' data-testid='register-invite-error' data-code={invite.error.code}>
          <Text className='register__invite-text'>{invite.error.message}</Text>
          <Text className='register__invite-hint'>您也可以直接填写下面的表格报到</Text>
        </View>
      )}
      {!scene && (
        <View className='register__intro'>
          <Text className='register__intro-text'>在职党员到工作单位和居住社区“双报到”，单位和社区确认后即可参加社区服务。</Text>
        </View>
      )}
      <RegistrationForm
        options={options.data}
        communityId={communityId}
        onCommunityChange={setChosenCommunity}
        initialUnitId={invite.data?.kind === 'unit' ? invite.data.id : undefined}
        buildingsLoading={options.loading}
        onSubmit={async (input) => {
          await register(input)
          void Taro.showToast({ title: '报到已提交', icon: 'success' })
          replacePage('card')
        }}
        onOpenCard={() => openPage('card')}
      />
    </View>
  )
}
