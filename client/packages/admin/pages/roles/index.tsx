import { View } from '@tarojs/components'
import { Placeholder } from '@/components/Placeholder/Placeholder'

export default function AdminPage() {
  return (
    <View className='page' data-testid='page-admin-roles'>
      <Placeholder title='角色授权'>给网格员、楼栋长和管理员授权或收回授权。</Placeholder>
    </View>
  )
}
