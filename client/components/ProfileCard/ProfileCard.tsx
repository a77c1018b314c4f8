import { Text, View } from '@tarojs/components'
import type { WhoAmI } from '@domain/api'
import './ProfileCard.scss'

export interface ProfileCardProps {
  who: WhoAmI
}

/** Name and (masked) phone at the top of 我的. */
export function ProfileCard({ who }: ProfileCardProps) {
  return (
    <View className='profile-card'>
      <Text className='profile-card__name' data-testid='mine-name'>
        {who.displayName}
      </Text>
      <Text className='profile-card__phone' data-testid='mine-phone'>
        {who.phoneMasked ? `手机：${who.phoneMasked}` : '尚未绑定手机号'}
      </Text>
    </View>
  )
}
