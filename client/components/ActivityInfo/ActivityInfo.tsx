import { Text, View } from '@tarojs/components'
import type { ActivityDetail } from '@domain/api/activities'
import { activityTime, seatsText } from '@/components/ActivityCard/ActivityCard'
import { formatChinaTime } from '@/utils/time'
import './ActivityInfo.scss'

const ORGANISER_KINDS: Record<ActivityDetail['organiserKind'], string> = { unit: '单位', community: '社区', branch: '小区党支部' }

/** The caller's place in words: a seat, or the waiting list with their position. */
export function mineText(a: Pick<ActivityDetail, 'mine' | 'waitPosition'>): string | null {
  if (a.mine === 'seated') return '您已报名'
  if (a.mine === 'waiting') return a.waitPosition ? `您在候补名单第 ${a.waitPosition} 位，有人取消报名时按顺序递补` : '您在候补名单上'
  return null
}

function Section({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <View className='activity-info__section' data-testid={testId}>
      <Text className='activity-info__label'>{label}</Text>
      {children}
    </View>
  )
}

/**
 * Everything about one activity a person reads before and after taking part. The page's buttons
 * (`actions`) sit under the person's own state, above the description: at the door, 签到 is near the top.
 */
export function ActivityInfo({ activity: a, actions }: { activity: ActivityDetail; actions?: React.ReactNode }) {
  const mine = mineText(a)
  return (
    <View className='activity-info'>
      <View className='activity-info__head'>
        <View className='activity-info__row'>
          <Text className='activity-info__theme'>{a.themeTitle ? `主题：${a.themeTitle}` : '社区活动'}</Text>
          <Text className='activity-info__state' data-testid='activity-state' data-state={a.state}>
            {a.stateLabel}
          </Text>
        </View>
        <Text className='activity-info__title' data-testid='activity-title'>
          {a.title}
        </Text>
        <Text className='activity-info__meta'>
          {ORGANISER_KINDS[a.organiserKind]}：{a.organiserName}
        </Text>
        <Text className='activity-info__meta' data-testid='activity-time'>
          {activityTime(a.startAt, a.endAt)}
        </Text>
        <Text className='activity-info__meta'>
          {a.placeName} · {a.address}
        </Text>
        <Text className='activity-info__meta' data-testid='activity-seats'>
          {seatsText(a)}
          {a.waitCount > 0 ? ` · 候补 ${a.waitCount} 人` : ''}
        </Text>
      </View>
      {mine && (
        <View className='activity-info__mine' data-testid='activity-mine' data-mine={a.mine ?? ''}>
          <Text>{mine}</Text>
        </View>
      )}
      {a.reason && a.state === 'cancelled' && (
        <Section label='取消的原因' testId='activity-reason'>
          <Text className='activity-info__text'>{a.reason}</Text>
        </Section>
      )}
      {a.myAttendance && (
        <Section label='我的签到' testId='activity-attendance'>
          <Text className='activity-info__text' data-testid='activity-checkin-at'>
            签到时间：{formatChinaTime(a.myAttendance.checkInAt)}
          </Text>
          <Text className='activity-info__text' data-testid='activity-checkout-at'>
            签退时间：{a.myAttendance.checkOutAt ? formatChinaTime(a.myAttendance.checkOutAt) : '尚未签退'}
          </Text>
        </Section>
      )}
      {a.booking && (
        <Section label='时长已入账' testId='activity-booking'>
          <Text className='activity-info__text'>
            {a.booking.people} 人 共 {a.booking.hours} 小时 · {formatChinaTime(a.booking.at)}
          </Text>
        </Section>
      )}
      {actions}
      <Section label='活动介绍' testId='activity-about'>
        {a.description ? <Text className='activity-info__text'>{a.description}</Text> : <Text className='activity-info__text'>组织者没有写介绍</Text>}
        <Text className='activity-info__text'>计入服务时长：{a.hours} 小时</Text>
        {a.skills.length > 0 && <Text className='activity-info__text'>需要的特长：{a.skills.join('、')}</Text>}
        <Text className='activity-info__text' data-testid='activity-open'>
          {a.openToCitizens ? '党员和爱心市民都可报名' : '只面向已报到的在职党员'}
        </Text>
        <Text className='activity-info__text'>可签到时间：{formatChinaTime(a.checkInOpensAt)} 起</Text>
      </Section>
      {a.roster && (
        <Section label='报名名单' testId='activity-roster'>
          <Text className='activity-info__text' data-testid='activity-roster-seated'>
            已报名（{a.roster.seated.length}）：{a.roster.seated.length ? a.roster.seated.map((p) => p.name).join('、') : '暂无'}
          </Text>
          {a.roster.waiting.length > 0 && (
            <Text className='activity-info__text' data-testid='activity-roster-waiting'>
              候补（按顺序）：{a.roster.waiting.map((p, i) => `${i + 1}. ${p.name}`).join('  ')}
            </Text>
          )}
        </Section>
      )}
    </View>
  )
}
