import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function ProjectsPage() {
  return (
    <Page className='page' data-testid='page-projects'>
      <Text>微实事</Text>
    </Page>
  )
}
