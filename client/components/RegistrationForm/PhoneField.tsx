import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { PRIVACY_PAGE } from '@/services/privacyCore'

/**
 * The phone of the 报到 form. Taro picks PhoneField.weapp.tsx in WeChat (the number comes from
 * 「微信手机号快速填写」, getPhoneNumber); this file is the browser's, the local mode, where there is
 * no WeChat to ask and the number is typed. Only a function running locally accepts a typed number
 * (cloudfunctions/registration/src/phone.ts).
 */

/** What the form sends for the phone: typed digits, WeChat's one-use code, or neither. */
export type PhoneInput = { phone?: string; phoneCode?: string }

export interface PhoneFieldProps {
  value: PhoneInput
  onChange: (value: PhoneInput) => void
  /** The masked phone on record (迁移, 重新提交): leaving the field alone keeps it. */
  keepPhone?: string
  error?: string
}

const openPrivacyPage = () => void Taro.navigateTo({ url: PRIVACY_PAGE })

export function PhoneField({ value, onChange, keepPhone, error }: PhoneFieldProps) {
  return (
    <View className='reg-form__field'>
      <Text className='reg-form__label'>手机号</Text>
      <Input
        className={`reg-form__input${error ? ' reg-form__input--error' : ''}`}
        data-testid='reg-phone'
        type='number'
        placeholder={keepPhone ? `不修改可不填（现为${keepPhone}）` : '11位手机号'}
        maxlength={11}
        value={value.phone ?? ''}
        onInput={(e) => onChange({ phone: e.detail.value })}
      />
      {error && <Text className='reg-form__error' data-testid='reg-phone-error'>{error}</Text>}
      <View className='reg-form__link' data-testid='reg-phone-why' onClick={openPrivacyPage}>
        为什么需要手机号？
      </View>
    </View>
  )
}
