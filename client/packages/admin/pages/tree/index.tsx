import { View } from '@tarojs/components'
import { Placeholder } from '@/components/Placeholder/Placeholder'

export default function AdminPage() {
  return (
    <View className='page' data-testid='page-admin-tree'>
      <Placeholder title='组织架构'>维护街道、社区、小区、网格和楼栋，以及单位与社区的结对。</Placeholder>
    </View>
  )
}
