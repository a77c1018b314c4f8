import { View } from '@tarojs/components'
import { Placeholder } from '@/components/Placeholder/Placeholder'

export default function AdminPage() {
  return (
    <View className='page' data-testid='page-admin-import'>
      <Placeholder title='批量导入'>从 Excel 表格批量导入社区、单位和党员。</Placeholder>
    </View>
  )
}
