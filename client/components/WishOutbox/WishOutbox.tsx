import { Text, View } from '@tarojs/components'

/** In WeChat the subscription messages arrive in the chat itself; the outbox exists only locally. */
export function WishOutbox() {
  return (
    <View className='wish-outbox' data-testid='outbox-unavailable'>
      <Text>订阅消息会直接出现在微信的服务通知里。</Text>
    </View>
  )
}
