import { Text, View } from '@tarojs/components'
import type { MyProgress, UnitProgress } from '@domain/api'
import { ratio, type Measure } from '@domain/requirements'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { useMyProgress } from '@/hooks/useRequirements'
import { openPage } from '@/navigation'
import './RequirementProgress.scss'

/** 1 / 2 次, or 3 次（不作要求） when the county asks nothing of this measure. */
export function countText(m: Measure, unit: string): string {
  return m.target > 0 ? `${m.done} / ${m.target} ${unit}` : `${m.done} ${unit}（不作要求）`
}

/** The one-line summary: 本年度参加活动 0 / 2 次 · 服务时长 0 / 40 小时 */
export function memberLine(p: { activities: Measure; hours: Measure }): string {
  return `本年度参加活动 ${countText(p.activities, '次')} · 服务时长 ${countText(p.hours, '小时')}`
}

/** What is still missing, in words: 还差 2 次活动、40 小时服务. */
export function remainingText(p: { activities: Measure; hours: Measure; met: boolean }): string {
  if (p.met) return '已达到本年度要求'
  const parts: string[] = []
  if (!p.activities.met) parts.push(`${p.activities.remaining} 次活动`)
  if (!p.hours.met) parts.push(`${p.hours.remaining} 小时服务`)
  return `还差 ${parts.join('、')}`
}

interface BarProps {
  testId: string
  label: string
  measure: Measure
  unit: string
}

/** A labelled bar; its width is the share done (full when nothing is asked). */
export function ProgressBar({ testId, label, measure, unit }: BarProps) {
  const percent = Math.round(ratio(measure) * 100)
  return (
    <View className='req-progress__row' data-testid={testId} data-done={String(measure.done)} data-target={String(measure.target)} data-met={String(measure.met)}>
      <View className='req-progress__row-head'>
        <Text className='req-progress__label'>{label}</Text>
        <Text className='req-progress__count' data-testid={`${testId}-count`}>
          {countText(measure, unit)}
        </Text>
      </View>
      <View className='req-progress__track'>
        <View
          className={`req-progress__fill${measure.met ? ' req-progress__fill--met' : ''}`}
          data-testid={`${testId}-fill`}
          data-percent={String(percent)}
          style={{ width: `${percent}%` }}
        />
      </View>
    </View>
  )
}

/** Opens 年度要求, where everyone in the county reads the rules in full. */
function RulesLink() {
  return (
    <View className='req-progress__link' hoverClass='req-progress__link--pressed' data-testid='progress-rules-link' onClick={() => openPage('requirements')}>
      查看年度要求 ›
    </View>
  )
}

/** A member's year: activities and hours against the county's rules, from myProgress. */
export function MemberProgressView({ progress }: { progress: MyProgress }) {
  if (!progress.hasRegistration) {
    return (
      <View className='req-progress' data-testid='progress-member' data-state='none'>
        <Text className='req-progress__title'>年度要求</Text>
        <Text className='req-progress__note' data-testid='progress-none'>
          {progress.message}
        </Text>
      </View>
    )
  }
  return (
    <View className='req-progress' data-testid='progress-member' data-state={progress.met ? 'met' : 'open'}>
      <Text className='req-progress__title'>年度要求（{progress.period.label}）</Text>
      <Text className='req-progress__line' data-testid='progress-line'>
        {memberLine(progress)}
      </Text>
      <ProgressBar testId='progress-activities' label='参加活动' measure={progress.activities} unit='次' />
      <ProgressBar testId='progress-hours' label='服务时长' measure={progress.hours} unit='小时' />
      <Text className={`req-progress__summary${progress.met ? ' req-progress__summary--met' : ''}`} data-testid='progress-summary'>
        {remainingText(progress)}
      </Text>
      <Text className='req-progress__note'>{progress.county.name}的要求；参加活动和服务后自动累计。</Text>
      <RulesLink />
    </View>
  )
}

/** A unit: its co-building activities in the rule's period, and how many members meet theirs. */
export function UnitProgressView({ progress }: { progress: UnitProgress }) {
  const { members, activities, period } = progress
  const periodWord = period.kind === 'year' ? '本年度' : '本季度'
  return (
    <View className='req-progress' data-testid='progress-unit' data-state={activities.met ? 'met' : 'open'}>
      <Text className='req-progress__title'>年度要求完成情况</Text>
      <ProgressBar testId='progress-unit-activities' label={`${periodWord}共建活动（${period.label}）`} measure={activities} unit='次' />
      {members.registered > 0 ? (
        <ProgressBar
          testId='progress-unit-members'
          label={`达到${progress.memberPeriod.label}党员要求`}
          measure={{ done: members.met, target: members.registered, met: members.notMet === 0, remaining: members.notMet }}
          unit='人'
        />
      ) : null}
      <Text className='req-progress__line' data-testid='progress-unit-members-line'>
        {members.registered > 0 ? `已报到党员 ${members.registered} 人 · 达到要求 ${members.met} 人 · 未达到 ${members.notMet} 人` : '还没有已报到的党员'}
      </Text>
      <RulesLink />
    </View>
  )
}

/** The caller's own progress, loaded here so a page adds it with one line (the 报到证). */
export function MyRequirementProgress() {
  const progress = useMyProgress()
  if (progress.data) return <MemberProgressView progress={progress.data} />
  if (progress.error) return <LoadPanel error={progress.error} onRetry={() => void progress.reload()} />
  return null
}
