import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { isRegistered, placeLabel } from '@domain/registration'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { PrivacyConsent } from '@/components/PrivacyConsent/PrivacyConsent'
import { RegistrationForm } from '@/components/RegistrationForm/RegistrationForm'
import { useInvite, useMyCard, useRegistrationOptions } from '@/hooks/useRegistration'
import { usePageParams } from '@/hooks/usePageParams'
import { openPage, replacePage } from '@/navigation'
import { move, register, resubmit } from '@/services/registration'
import './index.scss'

/**
 * 报到: usually opened from an invitation (a community's or unit's QR code). The scene,
 * `c:<communityId>` or `u:<unitId>`, arrives as the page's `scene` parameter on both platforms.
 * With `mode=move` (迁移) or `mode=resubmit` (修改后重新提交) it is the same form, filled in
 * from my card, sending the matching action.
 */
export default function RegisterPage() {
  const { scene, mode } = usePageParams()
  if (mode === 'move' || mode === 'resubmit') return <ChangePage mode={mode} />
  return <FirstRegistration scene={scene} />
}

function FirstRegistration({ scene }: { scene: string | undefined }) {
  const invite = useInvite(scene)
  const [chosenCommunity, setChosenCommunity] = useState<string | undefined | null>(null)
  const inviteReady = !scene || !invite.loading
  const invitedCommunity = invite.data?.kind === 'community' ? invite.data.id : undefined
  const communityId = chosenCommunity === null ? invitedCommunity : chosenCommunity
  const options = useRegistrationOptions(communityId, inviteReady)

  if (!inviteReady || !options.data) {
    return (
      <Page className='page' data-testid='page-register'>
        <LoadPanel error={options.error} onRetry={() => void options.reload()} />
      </Page>
    )
  }

  return (
    <Page className='page' data-testid='page-register'>
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
      {/* WeChat asks for the privacy authorization at the first tap of the phone button. */}
      <PrivacyConsent />
      <RegistrationForm
        options={options.data}
        communityId={communityId}
        onCommunityChange={setChosenCommunity}
        initialUnitId={invite.data?.kind === 'unit' ? invite.data.id : undefined}
        buildingsLoading={options.loading}
        onSubmit={async (input) => {
          // A first 报到 carries the phone, typed (locally) or WeChat's code; without, the shared schema says so.
          const card = await register(input)
          // Registered at once means the county had imported this member: the submission claimed that record.
          void Taro.showToast({ title: isRegistered(card.state) ? '已认领导入的报到' : '报到已提交', icon: 'success' })
          replacePage('card')
        }}
        onOpenCard={() => openPage('card')}
      />
    </Page>
  )
}

type ChangeMode = 'move' | 'resubmit'

const CHANGE: Record<ChangeMode, { title: string; submit: string; wrongState: string }> = {
  move: { title: '迁移报到', submit: '确认迁移', wrongState: '只有已报到的党员可以迁移；报到还在确认中时，可以撤回后重新报到。' },
  resubmit: { title: '修改后重新提交', submit: '重新提交', wrongState: '只有被退回的报到可以修改后重新提交。' },
}

/** 迁移 or 重新提交: the form filled in from my card; a confirmation before anything is sent. */
function ChangePage({ mode }: { mode: ChangeMode }) {
  const text = CHANGE[mode]
  const mine = useMyCard()
  const current = mine.data
  const [chosenCommunity, setChosenCommunity] = useState<string | undefined | null>(null)
  const communityId = chosenCommunity === null ? current?.community.id : chosenCommunity
  const options = useRegistrationOptions(communityId, !!current)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: text.title })
  }, [text.title])

  if (mine.error || (!mine.loading && !current)) {
    return (
      <Page className='page' data-testid='page-register' data-mode={mode}>
        {mine.error ? (
          <LoadPanel error={mine.error} onRetry={() => void mine.reload()} />
        ) : (
          <View className='register__intro' data-testid='register-wrong-state'>
            <Text className='register__intro-text'>您还没有报到。</Text>
          </View>
        )}
      </Page>
    )
  }
  if (!current || !options.data) {
    return (
      <Page className='page' data-testid='page-register' data-mode={mode}>
        <LoadPanel error={options.error} onRetry={() => void options.reload()} />
      </Page>
    )
  }
  // The mode is the verb: the card's `can` says whether it applies now.
  if (!current.can.includes(mode)) {
    return (
      <Page className='page' data-testid='page-register' data-mode={mode}>
        <View className='register__intro' data-testid='register-wrong-state'>
          <Text className='register__intro-text'>
            您的报到现在是「{current.stateLabel}」。{text.wrongState}
          </Text>
        </View>
        <View className='register__back' data-testid='register-open-card' onClick={() => replacePage('card')}>
          查看我的报到证
        </View>
      </Page>
    )
  }

  const here = placeLabel({ unitName: current.unit.name, communityName: current.community.name, buildingName: current.building?.name })
  return (
    <Page className='page' data-testid='page-register' data-mode={mode}>
      <View className='register__invite' data-testid='register-change'>
        <Text className='register__invite-text'>{mode === 'move' ? `现在：${here}` : '请按退回原因修改后重新提交'}</Text>
        <Text className='register__invite-hint'>
          {mode === 'move'
            ? '只换居住社区时，由新社区确认；换了工作单位时，由新单位和社区依次确认。原来的报到记录会保留。'
            : current.reason
              ? `退回原因：${current.reason}`
              : '修改后将重新由工作单位和社区依次确认。'}
        </Text>
      </View>
      <PrivacyConsent />
      <RegistrationForm
        options={options.data}
        communityId={communityId}
        onCommunityChange={setChosenCommunity}
        buildingsLoading={options.loading}
        initial={{
          name: current.name,
          unitId: current.unit.id,
          buildingId: current.building?.id,
          skills: current.skills,
          skillNote: current.skillNote ?? undefined,
          freeTime: current.freeTime,
        }}
        keepPhone={current.phoneMasked}
        submitLabel={text.submit}
        onSubmit={async (input) => {
          const answer = await Taro.showModal({
            title: text.title,
            content:
              mode === 'move'
                ? '迁移后，原来的报到改为「已迁出」，新的报到需要重新确认，确认前不再算作已报到。确定迁移吗？'
                : '重新提交后，将再次由工作单位和社区依次确认。确定提交吗？',
            confirmText: mode === 'move' ? '迁移' : '提交',
            cancelText: '再看看',
            confirmColor: '#C8161D',
          })
          if (!answer.confirm) return
          if (mode === 'move') await move(input)
          else await resubmit({ id: current.id, ...input })
          void Taro.showToast({ title: mode === 'move' ? '已提交迁移' : '已重新提交', icon: 'success' })
          replacePage('card')
        }}
      />
    </Page>
  )
}
