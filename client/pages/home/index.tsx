import { View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { LocalIdentitySwitcher } from '@/components/LocalIdentitySwitcher'
import { RoleHome } from '@/components/RoleHome/RoleHome'
import { useWhoAmI } from '@/hooks/useWhoAmI'

export default function HomePage() {
  const { data, error, reload } = useWhoAmI()
  return (
    <View className='page' data-testid='page-home'>
      <LocalIdentitySwitcher />
      {data && !error ? <RoleHome who={data} /> : <LoadPanel error={error} onRetry={() => void reload()} />}
    </View>
  )
}
