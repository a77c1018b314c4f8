import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function HouseholdPage() {
  return (
    <Page className='page' data-testid='page-household'>
      <Text>住户</Text>
    </Page>
  )
}
