import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function VisitNewPage() {
  return (
    <Page className='page' data-testid='page-visit'>
      <Text>入户走访</Text>
    </Page>
  )
}
