import { Text, View } from '@tarojs/components'
import './Placeholder.scss'

export interface PlaceholderProps {
  title: string
  /** One or two sentences on what will live here. */
  children: string
}

/** A page whose feature is not built yet, saying so plainly. */
export function Placeholder({ title, children }: PlaceholderProps) {
  return (
    <View className='placeholder' data-testid='placeholder'>
      <Text className='placeholder__title'>{title}</Text>
      <Text className='placeholder__body'>{children}</Text>
      <Text className='placeholder__note'>该功能即将上线，敬请期待。</Text>
    </View>
  )
}
