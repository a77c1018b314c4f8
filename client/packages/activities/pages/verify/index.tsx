import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { CERTIFICATE_NUMBER, numberFromVerifyScene } from '@domain/activities/certificate'
import { Certificate } from '@/components/Certificate/Certificate'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { textOf } from '@/components/WishIntake/textOf'
import { usePageParams } from '@/hooks/usePageParams'
import { useVerifiedCertificate } from '@/hooks/useHours'
import './index.scss'

/** A typed number as the certificate carries it: spaces gone, letters upper-case. */
const normalise = (typed: string) => typed.replace(/\s+/g, '').toUpperCase()

/** The number the page was opened with: a code's scene `v:<number>`, or `?number=`. */
function openedWith(params: Record<string, string>): { number: string | null; bad: boolean } {
  if (params.scene) {
    const n = numberFromVerifyScene(params.scene)
    return { number: n, bad: n === null }
  }
  if (params.number) {
    const n = normalise(params.number)
    return CERTIFICATE_NUMBER.test(n) ? { number: n, bad: false } : { number: null, bad: true }
  }
  return { number: null, bad: false }
}

/**
 * 服务证明核验: anyone (no registration, no role, a first-time WeChat user) checks what a
 * certificate number stands for. Shows only what the certificate itself shows: the masked name,
 * the hours, the stars, who issued it and when.
 */
export default function VerifyPage() {
  const params = usePageParams()
  const [opened] = useState(() => openedWith(params))
  const [number, setNumber] = useState<string | null>(opened.number)
  const [typed, setTyped] = useState(opened.number ?? '')
  const [inputError, setInputError] = useState<string | null>(opened.bad ? '打开的链接里没有有效的证明编号，请手动输入' : null)
  const result = useVerifiedCertificate(number)

  const check = () => {
    const n = normalise(typed)
    if (!CERTIFICATE_NUMBER.test(n)) {
      setInputError('证明编号格式不正确，应像 LX2026-0000DE30')
      return
    }
    setInputError(null)
    setTyped(n)
    if (n === number) void result.reload()
    else setNumber(n)
  }

  let outcome = null
  if (number && result.data && result.data.number === number)
    outcome = (
      <View className='verify-page__result' data-testid='verify-result'>
        <Text className='verify-page__valid' data-testid='verify-valid'>
          ✓ 这份服务证明真实有效
        </Text>
        <Certificate certificate={result.data} large />
        <Text className='verify-page__note'>为保护个人信息，核验只显示姓氏、服务时长、星级和出具单位。</Text>
      </View>
    )
  else if (number && result.error?.code === 'CERTIFICATE.NOT_FOUND')
    outcome = (
      <View className='verify-page__missing' data-testid='verify-not-found' data-number={number}>
        <Text className='verify-page__missing-title'>⚠ 没有找到这份证明</Text>
        <Text className='verify-page__missing-text'>
          {result.error.message}。您查的编号是 {number}。
        </Text>
      </View>
    )
  else if (number) outcome = <LoadPanel error={result.error} onRetry={() => void result.reload()} />

  return (
    <Page className='page verify-page' data-testid='page-certificate-verify' data-number={number ?? ''}>
      <View className='verify-page__head'>
        <Text className='verify-page__title'>服务证明核验</Text>
        <Text className='verify-page__lead'>输入证明上的编号，或用微信扫描证明上的小程序码</Text>
      </View>
      <View className='verify-page__form'>
        <Text className='verify-page__label'>证明编号</Text>
        <Input
          className={`verify-page__input${inputError ? ' verify-page__input--error' : ''}`}
          data-testid='verify-input'
          value={typed}
          maxlength={20}
          placeholder='例如 LX2026-0000DE30'
          confirmType='search'
          onInput={(e) => {
            setTyped(textOf(e))
            setInputError(null)
          }}
          onConfirm={check}
          nativeProps={{ 'aria-label': '证明编号' }}
        />
        {inputError ? (
          <Text className='verify-page__error' data-testid='verify-input-error'>
            {inputError}
          </Text>
        ) : null}
        <View className='verify-page__submit' hoverClass='verify-page__submit--pressed' data-testid='verify-submit' onClick={check}>
          核验
        </View>
      </View>
      {outcome}
    </Page>
  )
}
