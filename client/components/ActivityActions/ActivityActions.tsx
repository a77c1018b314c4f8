import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { ActivityButton, ActivityDetail } from '@domain/api/activities'
import { CODE_PATTERN } from '@domain/activities/checkin'
import { messageFor } from '@domain/errors'
// The activities' messages travel with this subpackage (domain/activities/errors.ts).
import '@domain/activities/errors'
import { confirmAction } from '@/components/OrgTree/confirm'
import { textOf } from '@/components/WishIntake/textOf'
import { checkInOf } from '@/components/ActivityScan/checkInScene'
import { canScan as platformCanScan, scan as platformScan, type Scanned } from '@/components/ActivityScan/scan'
import './ActivityActions.scss'

/** What a button asks the page to do; the page calls the service (or opens a page) and reloads. */
export type ActivityAction =
  | { verb: 'signUp' | 'withdraw' | 'publish' | 'closeSignup' | 'hold' }
  | { verb: 'cancel'; reason: string }
  | { verb: 'checkIn' | 'checkOut'; code: string }
  | { verb: 'console' | 'hours' }

/** A button on the page: the function's verbs, with 签到管理 and 核对时长 each standing for two of them. */
export type ActionButton = 'signUp' | 'withdraw' | 'publish' | 'closeSignup' | 'console' | 'hours' | 'hold' | 'cancel'

/** The usual next step first, the way back last. Check-in has its own panel above the buttons. */
const BUTTON_ORDER: readonly ActionButton[] = ['signUp', 'publish', 'console', 'hours', 'closeSignup', 'hold', 'withdraw', 'cancel']

const BUTTON_OF: Partial<Record<ActivityButton, ActionButton>> = {
  signUp: 'signUp',
  withdraw: 'withdraw',
  publish: 'publish',
  closeSignup: 'closeSignup',
  hold: 'hold',
  cancel: 'cancel',
  showCode: 'console',
  scanCard: 'console',
  adjust: 'hours',
  book: 'hours',
}

/** The buttons for this caller now: exactly what `can` allows (the function checks again on press). */
export function availableButtons(can: readonly ActivityButton[]): ActionButton[] {
  const set = new Set(can.map((b) => BUTTON_OF[b]).filter((b): b is ActionButton => !!b))
  return BUTTON_ORDER.filter((b) => set.has(b))
}

/** Check-in or check-out, whichever `can` offers (never both: one attendance at a time). */
export function attendanceVerb(can: readonly ActivityButton[]): 'checkIn' | 'checkOut' | null {
  if (can.includes('checkIn')) return 'checkIn'
  if (can.includes('checkOut')) return 'checkOut'
  return null
}

export const BUTTON_LABELS: Record<ActionButton, string> = {
  signUp: '报名',
  withdraw: '取消报名',
  publish: '发布',
  closeSignup: '截止报名',
  console: '签到管理（签到码 · 扫报到证）',
  hours: '核对时长并入账',
  hold: '结束活动',
  cancel: '取消活动',
}

const PRIMARY: ReadonlySet<ActionButton> = new Set(['signUp', 'publish', 'console', 'hours'])

/** Steps that cannot be taken back ask once more. */
const CONFIRMS: Partial<Record<ActivityAction['verb'], { title: string; content: string; button: string }>> = {
  // A second scan of the organiser's code at the start would end the person's time at once.
  checkOut: { title: '现在签退？', content: '签退后不能再签到，时长按签到到签退的时间计算。', button: '签退' },
  withdraw: { title: '取消报名？', content: '名额会让给候补的人，之后还有名额可以再报名。', button: '取消报名' },
  closeSignup: { title: '截止报名？', content: '截止后不能再报名，已报名的人照常参加。', button: '截止报名' },
  hold: { title: '结束活动？', content: '结束后不能再签到签退，接下来核对时长并入账。', button: '结束活动' },
  cancel: { title: '取消这个活动？', content: '已报名的人会看到取消的原因，取消后不能恢复。', button: '取消活动' },
}

const REASON_MIN = 2

function Button({ testId, children, onClick, kind = 'primary', disabled }: { testId: string; children: string; onClick: () => void; kind?: 'primary' | 'plain'; disabled?: boolean }) {
  return (
    <View
      className={`activity-actions__button activity-actions__button--${kind}${disabled ? ' activity-actions__button--busy' : ''}`}
      hoverClass='activity-actions__button--pressed'
      role='button'
      aria-disabled={disabled}
      data-testid={testId}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {children}
    </View>
  )
}

export interface ActivityActionsProps {
  activity: Pick<ActivityDetail, 'id' | 'can'>
  /** Performs the step; throws to keep the form open (the page shows why). */
  onAction: (action: ActivityAction) => Promise<void>
  /** Asks before an irreversible step; answers whether to go on. Defaults to the platform's modal. */
  confirm?: (title: string, content: string, button: string) => Promise<boolean>
  /** The camera scan; null where there is none (h5): then only the typed code is offered. */
  scan?: (() => Promise<Scanned | null>) | null
  /** A code that came with the page (WeChat's scan of the organiser's code opened it). */
  initialCode?: string
  error?: string | null
}

/**
 * The steps this caller may take now. Checking in has a panel of its own: 扫码签到 on a phone,
 * and always the 6 digits typed by hand (h5, a camera that fails, a hand that shakes).
 */
export function ActivityActions({ activity, onAction, confirm = confirmAction, scan = platformCanScan ? platformScan : null, initialCode = '', error }: ActivityActionsProps) {
  const buttons = availableButtons(activity.can)
  const attend = attendanceVerb(activity.can)
  const [busy, setBusy] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [code, setCode] = useState(initialCode)
  const [problem, setProblem] = useState<string | null>(null)

  const run = async (action: ActivityAction) => {
    const ask = CONFIRMS[action.verb]
    if (ask && !(await confirm(ask.title, ask.content, ask.button))) return
    setBusy(true)
    try {
      await onAction(action)
      setCancelling(false)
      setReason('')
      setCode('')
    } catch {
      // The page shows why; the form stays as it was for another try.
    } finally {
      setBusy(false)
    }
  }

  const press = (b: ActionButton) => {
    setProblem(null)
    // Opening another page is not a step: nothing to wait for, nothing to lock.
    if (b === 'console' || b === 'hours') return void onAction({ verb: b }).catch(() => {})
    if (b === 'cancel') {
      setCancelling(true)
      setReason('')
      return
    }
    void run({ verb: b })
  }

  const sendCode = (typed: string) => {
    if (!attend) return
    const digits = typed.trim()
    if (!CODE_PATTERN.test(digits)) return setProblem('签到码是6位数字')
    setProblem(null)
    void run({ verb: attend, code: digits })
  }

  const scanCode = async () => {
    if (!scan || !attend) return
    setProblem(null)
    const scanned = await scan()
    if (!scanned) return
    const found = checkInOf(scanned)
    if (!found || found.activityId !== activity.id) return setProblem(messageFor('ACTIVITY.BAD_CODE'))
    setCode(found.code)
    void run({ verb: attend, code: found.code })
  }

  const submitCancel = () => {
    const r = reason.trim()
    if (r.length < REASON_MIN) return setProblem(messageFor('ACTIVITY.REASON_REQUIRED'))
    setProblem(null)
    void run({ verb: 'cancel', reason: r })
  }

  if (buttons.length === 0 && !attend && !error) return null
  const word = attend === 'checkOut' ? '签退' : '签到'
  return (
    <View className='activity-actions' data-testid='activity-actions' data-verbs={[...(attend ? [attend] : []), ...buttons].join(' ')}>
      {error && (
        <Text className='activity-actions__error' data-testid='activity-error'>
          {error}
        </Text>
      )}
      {problem && (
        <Text className='activity-actions__error' data-testid='activity-problem'>
          {problem}
        </Text>
      )}
      {attend && !cancelling && (
        <View className='activity-actions__panel' data-testid='activity-checkin' data-verb={attend}>
          <Text className='activity-actions__label'>{attend === 'checkOut' ? '活动结束时请签退' : '到达活动现场后请签到'}</Text>
          {scan && (
            <Button testId='activity-scan' disabled={busy} onClick={() => void scanCode()}>
              {`扫码${word}`}
            </Button>
          )}
          <Text className='activity-actions__label'>输入签到码</Text>
          <Text className='activity-actions__hint'>组织者手机上签到码下方的6位数字</Text>
          <Input
            className='activity-actions__code'
            data-testid='activity-code'
            type='number'
            maxlength={6}
            value={code}
            placeholder='6位数字'
            onInput={(e) => setCode(textOf(e))}
            nativeProps={{ 'aria-label': '签到码（6位数字）', inputMode: 'numeric' }}
          />
          <Button testId='activity-code-submit' disabled={busy} onClick={() => sendCode(code)}>
            {busy ? `正在${word}…` : word}
          </Button>
        </View>
      )}
      {!cancelling &&
        buttons.map((b) => (
          <Button key={b} testId={`activity-${b}`} kind={PRIMARY.has(b) ? 'primary' : 'plain'} disabled={busy} onClick={() => press(b)}>
            {BUTTON_LABELS[b]}
          </Button>
        ))}
      {cancelling && (
        <View className='activity-actions__panel' data-testid='activity-form' data-verb='cancel'>
          <Text className='activity-actions__label'>取消的原因（必填）</Text>
          <Textarea
            className='activity-actions__textarea'
            data-testid='activity-form-text'
            value={reason}
            maxlength={200}
            placeholder='报名的人会看到这个原因，例如：天气原因改期'
            onInput={(e) => setReason(textOf(e))}
          />
          <Button testId='activity-form-submit' disabled={busy} onClick={submitCancel}>
            确认取消活动
          </Button>
          <Button
            testId='activity-form-cancel'
            kind='plain'
            onClick={() => {
              setCancelling(false)
              setProblem(null)
            }}
          >
            返回
          </Button>
        </View>
      )}
    </View>
  )
}
