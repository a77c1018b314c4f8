import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View, type ViewProps } from '@tarojs/components'
import { Page } from '@/components/Page/Page'
import { PrivacyConsent } from '@/components/PrivacyConsent/PrivacyConsent'
import { usePageParams } from '@/hooks/usePageParams'
import { openPage } from '@/navigation'
import { openPrivacyContract, privacyStatus, requirePrivacy, type PrivacyStatus } from '@/services/privacyActions'
import { privacyGate } from '@/services/privacyCore'
import { PRIVACY_ITEMS } from '@/services/privacyGuide'
import './index.scss'

// Taro's View types have no tabIndex, but the h5 build passes it on: a keyboard reaches the link,
// and so can scroll this long page (axe: scrollable-region-focusable). WeChat ignores it.
const keyboardLink = { role: 'link', tabIndex: 0 } as Pick<ViewProps, 'role'>

/**
 * 隐私保护指引: what the app keeps about a person, why, who sees it and for how long, one section
 * per private API (services/privacyGuide.ts, the same entries docs/privacy.md gives for 公众平台).
 * In WeChat it also says whether the person has agreed, and lets them agree now. With `consent=1`
 * it is the page a private API opened because its own page had no popup: the popup shows here,
 * and the page goes back once the person has answered.
 */
export default function PrivacyPage() {
  const { consent } = usePageParams()
  const [status, setStatus] = useState<PrivacyStatus | null>(null)

  const refresh = () => void privacyStatus().then(setStatus)
  useEffect(refresh, [])
  // Leaving without an answer must not leave the held call hanging: it fails as refused.
  useEffect(() => () => void (consent === '1' && privacyGate.refuse()), [consent])

  return (
    <Page className='page privacy-page' data-testid='page-privacy'>
      <View className='privacy-page__head'>
        <Text className='privacy-page__title'>我们保存什么、为什么</Text>
        <Text className='privacy-page__lead'>连心只在办理您选择的事时使用下面这些信息，不用于其他目的，也不提供给与报到和服务无关的单位或个人。</Text>
      </View>

      {consent === '1' && (
        <View className='privacy-page__ask' data-testid='privacy-page-ask'>
          <Text className='privacy-page__ask-text'>您刚才使用的功能需要先同意隐私保护指引。请阅读下面的说明，再决定是否同意。</Text>
        </View>
      )}

      {PRIVACY_ITEMS.map((item) => (
        <View key={item.guideType} className='privacy-page__section' data-testid='privacy-item' data-type={item.guideType}>
          <Text className='privacy-page__label'>{item.guideType}</Text>
          <Row name='在哪里用' text={`${item.where}：${item.feature}`} />
          <Row name='为什么' text={`为了${item.purpose}。`} />
          <Row name='保存什么、谁能看到' text={item.kept} />
          <Row name='保存多久' text={item.retention} />
        </View>
      ))}

      <View className='privacy-page__section' data-testid='privacy-typed'>
        <Text className='privacy-page__label'>您填写的其他信息</Text>
        <Text className='privacy-page__text'>
          报到时填写的姓名、工作单位、居住社区、楼栋、特长和空闲时间，用于单位和社区确认报到、安排服务；与报到记录一同保存。小程序用微信提供的匿名编号识别您，不获取您的微信昵称和头像。
        </Text>
      </View>

      <View className='privacy-page__section'>
        <Text className='privacy-page__label'>您的选择</Text>
        <Text className='privacy-page__text'>
          不同意隐私保护指引，仍可浏览心愿墙、服务清单等；只有上面列出的功能暂时不能使用。报到可以在「我的报到证」撤回；需要更正或删除信息，请联系您所在的社区。
        </Text>
        <View className='privacy-page__link' {...keyboardLink} data-testid='privacy-open-card' onClick={() => openPage('card')}>
          查看我的报到证
        </View>
        {status && (
          <View className='privacy-page__status' data-testid='privacy-status' data-agreed={status.needAuthorization ? 'no' : 'yes'}>
            <Text className='privacy-page__text'>{status.needAuthorization ? '您还没有同意隐私保护指引。' : '您已同意隐私保护指引。'}</Text>
            {status.needAuthorization && (
              <View className='privacy-page__button' hoverClass='privacy-page__button--pressed' data-testid='privacy-agree-now' onClick={() => void requirePrivacy().then(refresh)}>
                阅读并同意
              </View>
            )}
          </View>
        )}
        {status && (
          <View className='privacy-page__link' data-testid='privacy-contract' onClick={() => openPrivacyContract(() => undefined)}>
            查看{status.contractName || '《连心隐私保护指引》'}全文
          </View>
        )}
      </View>

      <PrivacyConsent explainLink={false} onSettled={consent === '1' ? () => void Taro.navigateBack() : refresh} />
    </Page>
  )
}

function Row({ name, text }: { name: string; text: string }) {
  return (
    <View className='privacy-page__row'>
      <Text className='privacy-page__row-name'>{name}</Text>
      <Text className='privacy-page__text'>{text}</Text>
    </View>
  )
}
