import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function VisitsPage() {
  return (
    <Page className='page' data-testid='page-visits'>
      <Text>走访记录</Text>
    </Page>
  )
}
