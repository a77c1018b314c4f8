import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { Text, View } from '@tarojs/components'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import {
  getChosenOpenid,
  listLocalIdentities,
  setChosenOpenid,
  subscribeChosenOpenid,
  type LocalIdentity,
} from '@/services/localIdentity'
import './LocalIdentitySwitcher.scss'

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; identities: LocalIdentity[] }

/**
 * Local mode only: pick which demo person the browser acts as. The choice is kept in
 * localStorage and sent by the transport as `x-wx-openid`; the current person reloads at once.
 */
export function LocalIdentitySwitcher() {
  const chosen = useSyncExternalStore(subscribeChosenOpenid, getChosenOpenid, getChosenOpenid)
  const [open, setOpen] = useState(false)
  const [list, setList] = useState<ListState>({ status: 'loading' })

  const load = useCallback(async () => {
    setList({ status: 'loading' })
    try {
      setList({ status: 'ready', identities: await listLocalIdentities() })
    } catch (e) {
      setList({ status: 'error', message: e instanceof Error ? e.message : '无法获取演示身份列表' })
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const current = list.status === 'ready' ? list.identities.find((i) => i.openid === chosen) : undefined

  const choose = (identity: LocalIdentity) => {
    setChosenOpenid(identity.openid)
    setOpen(false)
    void whoAmIStore.restart()
  }

  return (
    <View className='identity-switcher' data-testid='identity-switcher'>
      <View className='identity-switcher__bar'>
        <Text className='identity-switcher__current' data-testid='identity-current' data-openid={chosen ?? ''}>
          {chosen ? `演示身份：${current?.label ?? chosen}` : '尚未选择演示身份'}
        </Text>
        <View
          className='identity-switcher__open'
          data-testid='identity-switcher-open'
          onClick={() => {
            setOpen(true)
            if (list.status === 'error') void load()
          }}
        >
          切换身份（本地演示）
        </View>
      </View>

      {open && (
        <View className='identity-switcher__sheet' data-testid='identity-sheet'>
          <View className='identity-switcher__panel'>
            <Text className='identity-switcher__title'>选择一个演示身份</Text>
            {list.status === 'loading' && <Text className='identity-switcher__note'>正在加载…</Text>}
            {list.status === 'error' && (
              <View className='identity-switcher__error' data-testid='identity-error'>
                <Text className='identity-switcher__note'>{list.message}</Text>
                <View className='identity-switcher__button' data-testid='identity-retry' onClick={() => void load()}>
                  重试
                </View>
              </View>
            )}
            {list.status === 'ready' && list.identities.length === 0 && (
              <Text className='identity-switcher__note'>本地服务没有提供演示身份</Text>
            )}
            {list.status === 'ready' &&
              list.identities.map((identity) => (
                <View
                  key={identity.openid}
                  className={`identity-switcher__option${identity.openid === chosen ? ' identity-switcher__option--chosen' : ''}`}
                  data-testid='identity-option'
                  data-openid={identity.openid}
                  data-role={identity.role}
                  onClick={() => choose(identity)}
                >
                  <Text className='identity-switcher__label'>{identity.label}</Text>
                  {identity.description && <Text className='identity-switcher__desc'>{identity.description}</Text>}
                </View>
              ))}
            <View
              className='identity-switcher__button identity-switcher__button--plain'
              data-testid='identity-switcher-close'
              onClick={() => setOpen(false)}
            >
              关闭
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
