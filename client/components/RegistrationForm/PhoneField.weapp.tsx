import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { PRIVACY_PAGE } from '@/services/privacyCore'
import type { PhoneFieldProps } from './PhoneField'

/**
 * WeChat: 「微信手机号快速填写」, `<button open-type="getPhoneNumber">`. WeChat shows the person their
 * bound number and, if they allow it, gives a one-use code (`detail.code`) that the registration
 * function exchanges for the number (phonenumber.getPhoneNumber; free for government accounts). The
 * mini-program never sees the number, so nothing can be typed here. The first tap may show the
 * privacy popup first (components/PrivacyConsent, on the page).
 */
export type { PhoneInput, PhoneFieldProps } from './PhoneField'

// (Not imported from ./PhoneField: in this build that name is this very file.)
const openPrivacyPage = () => void Taro.navigateTo({ url: PRIVACY_PAGE })

function whyNot(errMsg: string, keepPhone: string | undefined): string {
  if (/privacy/i.test(errMsg)) return '您没有同意隐私保护指引，没有取得手机号'
  if (/deny|cancel/i.test(errMsg)) return keepPhone ? '没有取得新的手机号，将保留原来的号码' : '您没有允许使用微信手机号；报到需要手机号，请再点一次'
  if (/:ok$/.test(errMsg)) return '您的微信版本较低，请升级微信后再报到'
  return '暂时无法取得微信手机号，请稍后再试'
}

export function PhoneField({ value, onChange, keepPhone, error }: PhoneFieldProps) {
  const [note, setNote] = useState<string | null>(null)
  const got = !!value.phoneCode
  // What WeChat just said about the last tap is newer than the form's last check; a code in hand answers both.
  const message = got ? null : (note ?? error)
  return (
    <View className='reg-form__field'>
      <Text className='reg-form__label'>手机号</Text>
      <Text className='reg-form__hint' data-testid='reg-phone-state'>
        {got
          ? '已取得您微信绑定的手机号，提交后报到证上只显示隐去中间四位的号码'
          : keepPhone
            ? `现为${keepPhone}，不修改无需获取`
            : '使用您微信绑定的手机号，无需手动填写'}
      </Text>
      <Button
        className={`reg-form__wechat-phone${got ? ' reg-form__wechat-phone--got' : ''}`}
        data-testid='reg-phone-wechat'
        openType='getPhoneNumber'
        onGetPhoneNumber={(e) => {
          const { code, errMsg = '' } = (e.detail ?? {}) as { code?: string; errMsg?: string }
          if (code) {
            setNote(null)
            onChange({ phoneCode: code })
          } else {
            setNote(whyNot(errMsg, keepPhone))
          }
        }}
      >
        {got ? '重新获取微信手机号' : keepPhone ? '更换为微信手机号' : '微信手机号快速填写'}
      </Button>
      {message && <Text className='reg-form__error' data-testid='reg-phone-error'>{message}</Text>}
      <View className='reg-form__link' data-testid='reg-phone-why' onClick={openPrivacyPage}>
        为什么需要手机号？
      </View>
    </View>
  )
}
