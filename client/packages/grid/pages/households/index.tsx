import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function HouseholdsPage() {
  return (
    <Page className='page' data-testid='page-households'>
      <Text>网格居民</Text>
    </Page>
  )
}
