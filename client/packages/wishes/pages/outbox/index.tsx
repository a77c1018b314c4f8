import { View } from '@tarojs/components'
import { WishOutbox } from '@/components/WishOutbox'

/** 消息: the local outbox of subscription messages (h5 only; in WeChat they arrive as service notices). */
export default function WishOutboxPage() {
  return (
    <View className='page' data-testid='page-wish-outbox'>
      <WishOutbox />
    </View>
  )
}
