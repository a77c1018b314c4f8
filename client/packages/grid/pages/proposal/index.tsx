import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function ProposalPage() {
  return (
    <Page className='page' data-testid='page-proposal'>
      <Text>提案详情</Text>
    </Page>
  )
}
