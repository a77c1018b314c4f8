import { Text, View } from '@tarojs/components'
import { useCareMode } from '@/hooks/useCareMode'
import { careMode } from '@/services/careMode'
import '../LinkRow/LinkRow.scss'
import './CareModeSwitch.scss'

/**
 * 关怀模式 on 我的: one tap anywhere on the row, which looks like the rows beside it (LinkRow). The state is written out (已开启 / 已关闭) beside
 * the drawn switch, so it is never told by colour alone. Kept on the device; every page follows
 * at once (services/careMode).
 */
export function CareModeSwitch() {
  const { on, system } = useCareMode()
  return (
    <View
      className={`link-row care-switch${on ? ' care-switch--on' : ''}`}
      hoverClass='link-row--pressed'
      role='switch'
      aria-checked={on}
      data-testid='care-mode-switch'
      data-on={String(on)}
      onClick={() => careMode.setOn(!on)}
    >
      <View className='link-row__main care-switch__main'>
        <Text className='link-row__title'>关怀模式</Text>
        <Text className='link-row__hint'>
          {system > 1 ? `字更大、颜色更深（已跟随微信字体放大到 ${Math.round(system * 100)}%）` : '字更大、颜色更深，看得更清楚'}
        </Text>
      </View>
      <View className='care-switch__control'>
        <Text className='care-switch__state' data-testid='care-mode-state'>
          {on ? '已开启' : '已关闭'}
        </Text>
        <View className='care-switch__track' />
      </View>
    </View>
  )
}
