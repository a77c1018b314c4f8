import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { LocalIdentitySwitcher } from '@/components/LocalIdentitySwitcher'
import { Page } from '@/components/Page/Page'
import { RoleHome } from '@/components/RoleHome/RoleHome'
import { useWhoAmI } from '@/hooks/useWhoAmI'

export default function HomePage() {
  const { data, error, reload } = useWhoAmI()
  return (
    <Page className='page' data-testid='page-home'>
      <LocalIdentitySwitcher />
      {data && !error ? <RoleHome who={data} /> : <LoadPanel error={error} onRetry={() => void reload()} />}
    </Page>
  )
}
