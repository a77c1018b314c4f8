import { View } from '@tarojs/components'
import { Placeholder } from '@/components/Placeholder/Placeholder'

export default function ServicesPage() {
  return (
    <View className='page' data-testid='page-services'>
      <Placeholder title='点单服务'>
        居民点单，社区接单，支部派单，党员领单上门服务，完成后居民确认评价。这里还将放社区的服务清单，党员可按特长认领。
      </Placeholder>
    </View>
  )
}
