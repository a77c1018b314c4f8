import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RoleKind } from '@domain/roles'
import { CareModeSwitch } from '@/components/CareModeSwitch/CareModeSwitch'
import { LinkRow } from '@/components/LinkRow/LinkRow'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { LocalIdentitySwitcher } from '@/components/LocalIdentitySwitcher'
import { Page } from '@/components/Page/Page'
import { ProfileCard } from '@/components/ProfileCard/ProfileCard'
import { RoleList } from '@/components/RoleList/RoleList'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import { toApiError } from '@/services/ApiError'
import './index.scss'

export default function MinePage() {
  const { data, error, reload, switchRole } = useWhoAmI()
  const [pending, setPending] = useState<RoleKind | null>(null)

  const pick = async (role: RoleKind) => {
    setPending(role)
    try {
      const who = await switchRole(role)
      const label = who.roles.find((r) => r.kind === who.activeRole)?.label
      void Taro.showToast({ title: `已切换为${label ?? '新身份'}`, icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none', duration: 3000 })
    } finally {
      setPending(null)
    }
  }

  return (
    <Page className='page' data-testid='page-mine'>
      <LocalIdentitySwitcher />
      {/* 关怀模式 first: the person who needs it should not have to scroll for it. */}
      <View className='mine__section'>
        <CareModeSwitch />
      </View>
      {data && !error ? (
        <View>
          <ProfileCard who={data} />
          <View className='mine__section'>
            <LinkRow title='我的报到证' hint='双报到的办理进度' onClick={() => openPage('card')} testId='mine-registration' />
          </View>
          <View className='mine__section'>
            <Text className='mine__heading'>我的身份</Text>
            <Text className='mine__tip'>点一下即可切换，首页会随之变化</Text>
            <RoleList roles={data.roles} active={data.activeRole} pending={pending} onPick={(r) => void pick(r)} />
          </View>
        </View>
      ) : (
        <LoadPanel error={error} onRetry={() => void reload()} />
      )}
      {/* Reachable whether or not the backend answered: what we keep about people is nobody's secret. */}
      <View className='mine__section'>
        <LinkRow title='隐私保护指引' hint='保存什么、为什么' onClick={() => openPage('privacy')} testId='mine-privacy' />
      </View>
    </Page>
  )
}
