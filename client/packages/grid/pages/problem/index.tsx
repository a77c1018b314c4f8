import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function ProblemPage() {
  return (
    <Page className='page' data-testid='page-problem'>
      <Text>问题详情</Text>
    </Page>
  )
}
