import { View } from '@tarojs/components'
import { Placeholder } from '@/components/Placeholder/Placeholder'

export default function AdminPage() {
  return (
    <View className='page' data-testid='page-admin-requirements'>
      <Placeholder title='年度要求'>设置党员和单位每年的活动与服务时长要求。</Placeholder>
    </View>
  )
}
