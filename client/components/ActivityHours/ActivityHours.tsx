import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import type { HoursLineView, HoursListView } from '@domain/api/activities'
import { messageFor } from '@domain/errors'
// The activities' messages travel with this subpackage (domain/activities/errors.ts).
import '@domain/activities/errors'
import { NumberStepper, parseTyped } from '@/components/NumberStepper/NumberStepper'
import { confirmAction } from '@/components/OrgTree/confirm'
import { textOf } from '@/components/WishIntake/textOf'
import { formatChinaTime } from '@/utils/time'
import './ActivityHours.scss'

const time = (iso: string | null) => (iso ? formatChinaTime(iso, 'HH:mm') : '未签退')

/** The rounding rule in words, for the minutes beyond whole hours (domain/activities/hours.ts). */
export function roundingText({ zeroBelow: z, halfBelow: h }: HoursListView['rounding']): string {
  const parts: string[] = []
  if (z > 0) parts.push(`不足${z}分钟不计`)
  if (h > z) parts.push(z > 0 ? `${z}–${h}分钟计0.5小时` : `不足${h}分钟计0.5小时`)
  parts.push(`${h}分钟以上计1小时`)
  return parts.join('，')
}

/** People credited and their hours: a declined line (0 h) is not counted. */
export function bookingSummary(view: Pick<HoursListView, 'lines' | 'totalHours'>): { people: number; hours: number } {
  return { people: view.lines.filter((l) => l.hours > 0).length, hours: view.totalHours }
}

/** What the organiser changed, in words: 改为 1.5 小时 or 不予认定, with the reason. */
export function adjustmentText(a: NonNullable<HoursLineView['adjustment']>): string {
  return `${a.declined ? '不予认定' : `改为 ${a.hours} 小时`}（${a.reason}）· ${a.byName}`
}

export type HoursEdit = { userId: string; reason: string; hours?: number }

interface FormState {
  userId: string
  verb: 'adjust' | 'decline'
  hours: string
  reason: string
}

export interface ActivityHoursProps {
  view: HoursListView
  /** Sends one correction; throws to keep the form open (the page shows why). */
  onAdjust: (edit: HoursEdit) => Promise<void>
  onBook: () => Promise<void>
  confirm?: (title: string, content: string, button: string) => Promise<boolean>
  error?: string | null
}

/**
 * 时长核对: each person's check-in and check-out, the hours the rounding rule gives and the hours
 * that will be credited; the organiser corrects or declines a line with a reason, then books the
 * whole list once. After booking the list only reads.
 */
export function ActivityHours({ view, onAdjust, onBook, confirm = confirmAction, error }: ActivityHoursProps) {
  const [form, setForm] = useState<FormState | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const planned = { min: 0.5, max: Math.max(0.5, view.plannedHours), step: 0.5 }

  const open = (line: HoursLineView, verb: FormState['verb']) => {
    setProblem(null)
    setForm({ userId: line.userId, verb, hours: String(line.hours > 0 ? line.hours : view.plannedHours), reason: '' })
  }

  const submit = async () => {
    if (!form || busy) return
    const reason = form.reason.trim()
    if (reason.length < 2) return setProblem(messageFor('ACTIVITY.REASON_REQUIRED'))
    const hours = parseTyped(form.hours)
    if (form.verb === 'adjust' && (!Number.isFinite(hours) || hours <= 0)) return setProblem('请填写大于0的时长')
    if (form.verb === 'adjust' && hours > view.plannedHours) return setProblem(messageFor('ACTIVITY.HOURS_ABOVE_CAP'))
    setProblem(null)
    setBusy(true)
    try {
      await onAdjust(form.verb === 'adjust' ? { userId: form.userId, reason, hours } : { userId: form.userId, reason })
      setForm(null)
    } catch {
      // The page shows why; the form stays for another try.
    } finally {
      setBusy(false)
    }
  }

  const book = async () => {
    if (busy) return
    const { people, hours } = bookingSummary(view)
    if (!(await confirm('确认入账？', `${people} 人 共 ${hours} 小时，入账后不能再修改。`, '确认入账'))) return
    setBusy(true)
    try {
      await onBook()
    } catch {
      // The page shows why.
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='activity-hours' data-testid='hours-list' data-can-edit={String(view.canEdit)}>
      <Text className='activity-hours__rule'>
        计划时长 {view.plannedHours} 小时。按签到到签退计算，整小时以外的零头：{roundingText(view.rounding)}
      </Text>
      {error && (
        <Text className='activity-hours__error' data-testid='hours-error'>
          {error}
        </Text>
      )}
      {view.booking && (
        <View className='activity-hours__booked' data-testid='hours-booked'>
          <Text>
            ✓ 已入账：{view.booking.people} 人 共 {view.booking.hours} 小时
          </Text>
          <Text className='activity-hours__booked-at'>{formatChinaTime(view.booking.at)}</Text>
        </View>
      )}
      {view.lines.length === 0 && (
        <Text className='activity-hours__empty' data-testid='hours-empty'>
          没有人签到，没有时长可以入账
        </Text>
      )}
      {view.lines.map((line) => (
        <View key={line.userId} className={`activity-hours__line${line.adjustment ? ' activity-hours__line--changed' : ''}`} data-testid='hours-line' data-user={line.userId} data-hours={String(line.hours)}>
          <View className='activity-hours__row'>
            <Text className='activity-hours__name'>{line.name}</Text>
            <Text className='activity-hours__hours' data-testid='hours-line-hours'>
              {line.adjustment?.declined ? '不予认定' : `${line.hours} 小时`}
            </Text>
          </View>
          <Text className='activity-hours__meta'>
            签到 {time(line.checkInAt)} · 签退 {time(line.checkOutAt)} · 按规则 {line.computed} 小时
          </Text>
          {line.adjustment && (
            <Text className='activity-hours__note' data-testid='hours-line-note'>
              已修改：{adjustmentText(line.adjustment)}
            </Text>
          )}
          {view.canEdit && form?.userId !== line.userId && (
            <View className='activity-hours__buttons'>
              <View className='activity-hours__button' hoverClass='activity-hours__button--pressed' role='button' data-testid='hours-adjust' onClick={() => open(line, 'adjust')}>
                修改时长
              </View>
              <View className='activity-hours__button' hoverClass='activity-hours__button--pressed' role='button' data-testid='hours-decline' onClick={() => open(line, 'decline')}>
                不予认定
              </View>
            </View>
          )}
          {form?.userId === line.userId && (
            <View className='activity-hours__form' data-testid='hours-form' data-verb={form.verb}>
              {form.verb === 'adjust' && (
                <View>
                  <Text className='activity-hours__label'>认定时长（不超过计划的 {view.plannedHours} 小时）</Text>
                  <NumberStepper testId='hours-form-hours' label='认定时长' value={form.hours} bounds={planned} type='digit' unit='小时' onChange={(hours) => setForm({ ...form, hours })} />
                </View>
              )}
              <Text className='activity-hours__label'>{form.verb === 'adjust' ? '修改的原因' : '不予认定的原因'}</Text>
              <Textarea
                className='activity-hours__textarea'
                data-testid='hours-form-reason'
                value={form.reason}
                maxlength={200}
                placeholder={form.verb === 'adjust' ? '例如：中途离开半小时' : '例如：签到后没有参加'}
                onInput={(e) => setForm({ ...form, reason: textOf(e) })}
              />
              {problem && (
                <Text className='activity-hours__error' data-testid='hours-form-error'>
                  {problem}
                </Text>
              )}
              <View className='activity-hours__submit' hoverClass='activity-hours__submit--pressed' role='button' data-testid='hours-form-submit' onClick={() => void submit()}>
                {busy ? '正在保存…' : '保存'}
              </View>
              <View className='activity-hours__button' role='button' data-testid='hours-form-cancel' onClick={() => setForm(null)}>
                返回
              </View>
            </View>
          )}
        </View>
      ))}
      {view.lines.length > 0 && (
        <Text className='activity-hours__total' data-testid='hours-total'>
          合计 {bookingSummary(view).people} 人 共 {view.totalHours} 小时
        </Text>
      )}
      {view.canEdit && !form && (
        <View className={`activity-hours__submit${busy ? ' activity-hours__submit--busy' : ''}`} hoverClass='activity-hours__submit--pressed' role='button' data-testid='hours-book' onClick={() => void book()}>
          确认入账
        </View>
      )}
    </View>
  )
}
