import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityDetail } from '@domain/api/activities'
import { parseCheckInScene } from '@domain/activities/checkin'
import { ActivityActions, type ActivityAction } from '@/components/ActivityActions/ActivityActions'
import { ActivityInfo } from '@/components/ActivityInfo/ActivityInfo'
import { ActivityTimeline } from '@/components/ActivityTimeline/ActivityTimeline'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { useActivity } from '@/hooks/useActivities'
import { usePageParams } from '@/hooks/usePageParams'
import { openPage } from '@/navigation'
import * as activities from '@/services/activities'
import { messageOf } from '@/services/ApiError'
import { withSubscribe } from '@/services/subscribe'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

const DONE_TOAST: Partial<Record<ActivityAction['verb'], string>> = {
  withdraw: '已取消报名',
  publish: '已发布',
  closeSignup: '已截止报名',
  hold: '活动已结束',
  cancel: '活动已取消',
}

/** Runs a step; answers the activity as it is now when the step returned it, and the toast to show. */
async function perform(a: ActivityDetail, action: ActivityAction): Promise<{ detail?: ActivityDetail; toast: string }> {
  switch (action.verb) {
    case 'signUp': {
      // The panel opens inside the tap (WeChat's rule) for the seat, the reminder and a cancellation.
      const r = await withSubscribe('activitySignUp', () => activities.signUp(a.id))
      return { detail: r.detail, toast: r.outcome === 'waitlist' ? '已进入候补名单' : '报名成功' }
    }
    case 'withdraw':
      return { detail: await activities.withdraw(a.id), toast: DONE_TOAST.withdraw! }
    case 'checkIn': {
      const r = await withSubscribe('activityCheckIn', () => activities.checkIn(a.id, action.code))
      return { toast: r.already ? `已签到（${formatChinaTime(r.at, 'HH:mm')}）` : '签到成功' }
    }
    case 'checkOut': {
      const r = await activities.checkOut(a.id, action.code)
      return { toast: r.already ? `已签退（${formatChinaTime(r.at, 'HH:mm')}）` : '签退成功' }
    }
    case 'cancel':
      return { detail: await activities.transitionActivity(a.id, 'cancel', action.reason), toast: DONE_TOAST.cancel! }
    case 'publish':
    case 'closeSignup':
    case 'hold':
      return { detail: await activities.transitionActivity(a.id, action.verb), toast: DONE_TOAST[action.verb]! }
    default:
      return { toast: '' }
  }
}

/**
 * One activity: what, where, when, seats, the caller's place and attendance, exactly the buttons
 * `get` answers (`can`), the organiser's roster and the history. Opened from a list (`id`) or by
 * WeChat's scan of the organiser's check-in code (`scene` = `k:<id>:<code>`), which checks in
 * (or fills in the code for 签退).
 */
export default function ActivityDetailPage() {
  const params = usePageParams()
  const scanned = params.scene ? parseCheckInScene(params.scene) : null
  const id = params.id || scanned?.activityId || null
  const view = useActivity(id)
  const [error, setError] = useState<string | null>(null)
  const autoSent = useRef(false)

  const onAction = async (action: ActivityAction) => {
    const a = view.data
    if (!a) return
    if (action.verb === 'console') return openPage('activityConsole', { id: a.id })
    if (action.verb === 'hours') return openPage('activityHours', { id: a.id })
    setError(null)
    try {
      const done = await perform(a, action)
      if (done.detail) view.set(done.detail)
      void Taro.showToast({ title: done.toast, icon: 'none', duration: 2000 })
    } catch (e) {
      const message = messageOf(e)
      setError(message)
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      // Someone else was faster, or the activity moved on: show it as it is now.
      await view.reload()
      throw e
    }
    // Check-in answers only the attendance: read the activity again for the times and buttons.
    if (action.verb === 'checkIn' || action.verb === 'checkOut') await view.reload()
  }

  // Opened by scanning the check-in code: check in once, as if the code had been typed. Check-out
  // waits for a tap (the code is filled in): a second scan on arrival must not end the time at once.
  const a = view.data
  const sceneCode = scanned && a && a.id === scanned.activityId ? scanned.code : ''
  useEffect(() => {
    if (!sceneCode || autoSent.current || !a?.can.includes('checkIn')) return
    autoSent.current = true
    void onAction({ verb: 'checkIn', code: sceneCode }).catch(() => {})
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a])

  return (
    <Page className='page activity-page' data-testid='page-activity-detail' data-id={id ?? ''}>
      {!id ? (
        <Text className='activity-page__none' data-testid='activity-no-id'>
          没有找到这个活动，请从「社区活动」打开。
        </Text>
      ) : a ? (
        <View data-testid='activity-detail' data-state={a.state}>
          <ActivityInfo
            activity={a}
            actions={<ActivityActions key={`${a.state}:${a.can.join(',')}`} activity={a} onAction={onAction} initialCode={a.can.includes('checkOut') ? sceneCode : ''} error={error} />}
          />
          <ActivityTimeline items={a.timeline} />
        </View>
      ) : (
        <LoadPanel error={view.error} onRetry={() => void view.reload()} />
      )}
    </Page>
  )
}
