import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function ProposalsPage() {
  return (
    <Page className='page' data-testid='page-proposals'>
      <Text>微提案</Text>
    </Page>
  )
}
