import { View } from '@tarojs/components'
import { Placeholder } from '@/components/Placeholder/Placeholder'

export default function WishesPage() {
  return (
    <View className='page' data-testid='page-wishes'>
      <Placeholder title='微心愿'>
        网格员入户填写心愿卡，社区审核后发布，党员和爱心市民认领点亮，送达后由居民确认。这里将列出社区的心愿和办理进度。
      </Placeholder>
    </View>
  )
}
