import { View } from '@tarojs/components'
import { openPage } from '@/navigation'
import './WishOutbox.scss'

/** Local mode: the way to the outbox of subscription messages. */
export function OutboxLink() {
  return (
    <View className='wish-outbox__link' data-testid='wall-outbox' onClick={() => openPage('wishOutbox')}>
      消息（本地演示） ›
    </View>
  )
}
