import { useEffect, useState, useSyncExternalStore } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { AGREE_BUTTON_ID, PRIVACY_PAGE, privacyGate, type PrivacyGate } from '@/services/privacyCore'
import { agreeButtonProps, openPrivacyContract } from '@/services/privacyActions'
import { privacyItemOf } from '@/services/privacyGuide'
import './PrivacyConsent.scss'

export interface PrivacyConsentProps {
  /** After the person answered (the privacy page opened for the popup goes back). */
  onSettled?: (outcome: 'agreed' | 'refused') => void
  /** Offer the link to the privacy page (not on that page itself). */
  explainLink?: boolean
  /** The app's gate unless a test brings its own. */
  gate?: PrivacyGate
}

const openExplanation = () => void Taro.navigateTo({ url: PRIVACY_PAGE })

/**
 * The privacy authorization popup. WeChat holds the first call of a private API (the phone button,
 * the camera or album, a chat file) until the app answers; a page that mounts this component is
 * where the question is shown while the page is showing. 同意 is WeChat's
 * `open-type="agreePrivacyAuthorization"` button, whose id the answer names; 不同意 fails the held
 * call, and the page then says what cannot be done and how to change one's mind.
 */
export function PrivacyConsent({ onSettled, explainLink = true, gate = privacyGate }: PrivacyConsentProps) {
  const [host] = useState(() => ({}))
  const state = useSyncExternalStore(gate.subscribe, gate.snapshot, gate.snapshot)

  useEffect(() => {
    gate.show(host)
    return () => gate.hide(host)
  }, [gate, host])
  useDidShow(() => gate.show(host))
  useDidHide(() => gate.hide(host))

  const asking = state.pending && state.host === host ? state.pending : null
  useEffect(() => {
    if (asking) gate.exposed()
  }, [asking, gate])

  const settled = state.last?.host === host ? state.last : null
  useEffect(() => {
    if (settled) onSettled?.(settled.outcome)
    // Once per answer: `last` is a new object each time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled])

  if (asking) {
    const item = privacyItemOf(asking.referrer)
    return (
      <View className='privacy-consent' data-testid='privacy-consent' data-referrer={asking.referrer}>
        <View className='privacy-consent__panel' role='dialog' aria-modal='true' aria-labelledby='privacy-consent-title'>
          <Text className='privacy-consent__title' id='privacy-consent-title'>
            隐私保护提示
          </Text>
          <Text className='privacy-consent__text'>
            {item ? `「${item.feature}」需要使用${item.data}，用于${item.where}。` : '这项功能需要使用您的个人信息。'}
            请先阅读并同意隐私保护指引，同意后才能继续；不同意也可以继续使用其他功能。
          </Text>
          <View className='privacy-consent__link' data-testid='privacy-consent-contract' onClick={() => openPrivacyContract(openExplanation)}>
            阅读《连心隐私保护指引》
          </View>
          {explainLink && (
            <View className='privacy-consent__link' data-testid='privacy-consent-explain' onClick={openExplanation}>
              我们保存什么、为什么
            </View>
          )}
          <View className='privacy-consent__buttons'>
            <Button className='privacy-consent__refuse' data-testid='privacy-refuse' onClick={() => gate.refuse()}>
              不同意
            </Button>
            <Button className='privacy-consent__agree' id={AGREE_BUTTON_ID} data-testid='privacy-agree' {...agreeButtonProps(() => gate.agree(AGREE_BUTTON_ID))}>
              同意
            </Button>
          </View>
        </View>
      </View>
    )
  }

  if (settled?.outcome === 'refused') {
    const item = privacyItemOf(settled.referrer)
    return (
      <View className='privacy-consent__refused' data-testid='privacy-refused' role='status'>
        <Text className='privacy-consent__refused-text'>
          您没有同意隐私保护指引，{item ? `「${item.feature}」` : '这项功能'}暂时不能使用，我们也没有取得您的任何信息。想用时再点一次，可以重新阅读并同意。
        </Text>
        {explainLink && (
          <View className='privacy-consent__link' onClick={openExplanation}>
            我们保存什么、为什么
          </View>
        )}
      </View>
    )
  }
  return null
}
