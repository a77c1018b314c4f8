import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { WishSettingsView } from '@domain/api/wishes'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { WishSettingsForm, wishSettingsSource } from '@/components/WishSettings/WishSettingsForm'
import { usePageParams } from '@/hooks/usePageParams'
import { useRemote } from '@/hooks/useRemote'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { getWishSettings, setWishSettings } from '@/services/wishSettings'
import './index.scss'

/**
 * 心愿设置: a community's release days and hours per wish. `communityId` in the URL (the review
 * page passes it; a street or county admin comes that way); without it, the community the caller
 * administers. The function decides who may (wish.settings); this page only asks.
 */
export default function WishSettingsPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const own = who.data?.roles.find((r) => r.kind === 'community_admin' && r.scopeId)
  const communityId = params.communityId || own?.scopeId || null
  const remote = useRemote(() => getWishSettings(communityId!), communityId)
  const [saved, setSaved] = useState<WishSettingsView | null>(null)
  const view = saved && saved.community.id === communityId ? saved : remote.data

  let body
  if (!communityId && who.data)
    body = (
      <Text className='wish-settings-page__none' data-testid='wish-settings-no-scope'>
        只有社区管理员（或街道、县级管理员从待审心愿进入）可以设置心愿规则。
      </Text>
    )
  else if (!view) body = <LoadPanel error={remote.error ?? who.error} onRetry={() => void (communityId ? remote.reload() : who.reload())} />
  else
    body = (
      <View>
        <View className='wish-settings-page__head'>
          <Text className='wish-settings-page__title'>心愿设置</Text>
          <Text className='wish-settings-page__scope' data-testid='wish-settings-community'>
            {view.community.name}
          </Text>
          <Text className='wish-settings-page__source' data-testid='wish-settings-source'>
            {wishSettingsSource(view)}
          </Text>
        </View>
        <WishSettingsForm key={`${view.community.id}:${remote.data?.version ?? 0}`} view={view} onSave={(s, version) => setWishSettings(view.community.id, s, version)} onSaved={setSaved} />
        <Text className='wish-settings-page__note'>
          认领人点亮心愿时，会看到按当时设置算出的送达期限；超过期限仍未送达，心愿自动回到心愿墙，认领人会收到通知。
        </Text>
      </View>
    )

  return (
    <Page className='page' data-testid='page-wish-settings' data-community={communityId ?? ''}>
      {body}
    </Page>
  )
}
