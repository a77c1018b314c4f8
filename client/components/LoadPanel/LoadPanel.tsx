import { Text, View } from '@tarojs/components'
import type { ApiError } from '@/services/ApiError'
import './LoadPanel.scss'

export interface LoadPanelProps {
  error: ApiError | null
  onRetry: () => void
}

/** What a page shows while its data is not there: a loading line, or the error and 重试. */
export function LoadPanel({ error, onRetry }: LoadPanelProps) {
  if (!error) {
    return (
      <View className='load-panel' data-testid='loading'>
        <Text className='load-panel__text'>正在加载…</Text>
      </View>
    )
  }
  return (
    <View className='load-panel load-panel--error' data-testid='load-error' data-code={error.code}>
      <Text className='load-panel__text'>{error.message}</Text>
      <View className='load-panel__retry' hoverClass='load-panel__retry--pressed' data-testid='load-retry' onClick={onRetry}>
        重试
      </View>
    </View>
  )
}
