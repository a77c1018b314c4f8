import { Text } from '@tarojs/components'
import { Page } from '@/components/Page/Page'

export default function ReportPage() {
  return (
    <Page className='page' data-testid='page-report'>
      <Text>上报问题</Text>
    </Page>
  )
}
