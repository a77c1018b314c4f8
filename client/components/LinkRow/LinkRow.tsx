import { Text, View } from '@tarojs/components'
import './LinkRow.scss'

export interface LinkRowProps {
  title: string
  hint?: string
  onClick: () => void
  testId: string
}

/** A full-width row that opens another page (我的 → 我的报到证). */
export function LinkRow({ title, hint, onClick, testId }: LinkRowProps) {
  return (
    <View className='link-row' hoverClass='link-row--pressed' data-testid={testId} onClick={onClick}>
      <View className='link-row__main'>
        <Text className='link-row__title'>{title}</Text>
        {hint && <Text className='link-row__hint'>{hint}</Text>}
      </View>
      <Text className='link-row__arrow'>›</Text>
    </View>
  )
}
