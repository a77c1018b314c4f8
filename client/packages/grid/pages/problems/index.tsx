import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function ProblemsPage() {
  return (
    <Page className='page' data-testid='page-problems'>
      <Text>步巡问题</Text>
    </Page>
  )
}
