import { useState } from 'react'
import { Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AttendanceResult } from '@domain/api/activities'
import { canScan, scan } from '@/components/ActivityScan/scan'
import { textOf } from '@/components/WishIntake/textOf'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { useCheckInCode } from '@/hooks/useActivities'
import { usePageParams } from '@/hooks/usePageParams'
import { scanCard } from '@/services/activities'
import { messageOf } from '@/services/ApiError'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

/** `李建国 已签到`, or `李建国 已签到过了` for a card scanned twice. */
export function attendanceText(r: Pick<AttendanceResult, 'name' | 'action' | 'already'>): string {
  const word = r.action === 'checkOut' ? '签退' : '签到'
  return r.already ? `${r.name} 已${word}过了` : `${r.name} 已${word}`
}

/**
 * The organiser's check-in screen: the code people scan (a new one every minute, so a photo sent
 * to someone at home does not work), its 6 digits for those who type, how many have checked in,
 * and 扫报到证签到 for a member whose phone cannot scan.
 */
export default function ActivityConsolePage() {
  const params = usePageParams()
  const id = params.id || null
  const code = useCheckInCode(id)
  const [payload, setPayload] = useState('')
  const [last, setLast] = useState<{ text: string; ok: boolean } | null>(null)
  const [busy, setBusy] = useState(false)

  const sendCard = async (text: string) => {
    if (!id || busy) return
    setBusy(true)
    try {
      const r = await scanCard(id, text.trim())
      const message = attendanceText(r)
      setLast({ text: `${message}（${formatChinaTime(r.at, 'HH:mm')}）`, ok: true })
      setPayload('')
      void Taro.showToast({ title: message, icon: 'none', duration: 2000 })
      // The count under the code moves.
      await code.reload()
    } catch (e) {
      const message = messageOf(e)
      setLast({ text: message, ok: false })
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  const scanOne = async () => {
    const scanned = await scan()
    if (scanned?.result) await sendCard(scanned.result)
  }

  const c = code.data
  return (
    <Page className='page console-page' data-testid='page-activity-console' data-id={id ?? ''}>
      {!id ? (
        <Text className='console-page__none' data-testid='console-no-id'>
          没有找到这个活动，请从活动页打开。
        </Text>
      ) : c ? (
        <View className='console-page__body'>
          <Text className='console-page__tip'>请参加活动的人用微信扫码签到</Text>
          <View className='console-page__qr'>
            <Image className='console-page__image' src={`data:${c.contentType};base64,${c.imageBase64}`} mode='aspectFit' data-testid='checkin-image' nativeProps={{ alt: '签到码' }} />
          </View>
          <Text className='console-page__label'>扫不了码的，输入下面的签到码</Text>
          <Text className='console-page__code' data-testid='checkin-code' aria-label={`签到码 ${c.code.split('').join(' ')}`}>
            {c.code}
          </Text>
          <Text className='console-page__hint'>签到码每分钟更换，本页会自动刷新</Text>
          <Text className='console-page__count' data-testid='checkin-count'>
            已签到 {c.checkedIn} 人
          </Text>
          {code.error && (
            <Text className='console-page__error' data-testid='console-code-error'>
              {code.error.message}
            </Text>
          )}
          <View className='console-page__section'>
            <Text className='console-page__label'>为没有带手机或扫不了码的党员签到</Text>
            {canScan ? (
              <View className='console-page__button' hoverClass='console-page__button--pressed' role='button' data-testid='console-scan-card' onClick={() => void scanOne()}>
                扫报到证签到
              </View>
            ) : (
              <View className='console-page__paste'>
                <Text className='console-page__hint'>电脑上：粘贴报到证二维码的内容（reg:开头）</Text>
                <Input
                  className='console-page__input'
                  data-testid='console-card-input'
                  value={payload}
                  maxlength={80}
                  placeholder='reg:'
                  onInput={(e) => setPayload(textOf(e))}
                  nativeProps={{ 'aria-label': '报到证二维码的内容' }}
                />
                <View className='console-page__button' hoverClass='console-page__button--pressed' role='button' data-testid='console-card-submit' onClick={() => void sendCard(payload)}>
                  {busy ? '正在签到…' : '签到 / 签退'}
                </View>
              </View>
            )}
            {last && (
              <Text className={`console-page__last${last.ok ? '' : ' console-page__last--error'}`} data-testid='console-last' data-ok={String(last.ok)}>
                {last.text}
              </Text>
            )}
          </View>
        </View>
      ) : (
        <LoadPanel error={code.error} onRetry={() => void code.reload()} />
      )}
    </Page>
  )
}
