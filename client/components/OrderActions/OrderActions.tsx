import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { CandidateView, OrderDetail } from '@domain/api/orders'
import { HOURS_MAX, HOURS_MIN, LOW_RATING } from '@domain/orders'
import { OrderCandidates } from '@/components/OrderCandidates/OrderCandidates'
import { confirmAction } from '@/components/OrgTree/confirm'
import { textOf } from '@/components/WishIntake/textOf'
import './OrderActions.scss'

export interface PoolTarget {
  kind: 'grid' | 'community'
  id: string
}

/** What a button asks the page to do; the page calls the service and reloads the order. */
export type OrderAction =
  | { verb: 'accept' | 'acceptDispatch' | 'start' | 'claim' }
  | { verb: 'pool'; pool: PoolTarget }
  | { verb: 'decline' | 'declineDispatch' | 'complain' | 'resolve' | 'release'; reason: string }
  | { verb: 'cancel' | 'recall'; reason?: string }
  | { verb: 'finish'; note: string; hours: number }
  | { verb: 'confirm'; stars: number; comment: string }
  | { verb: 'dispatch'; memberId: string; name: string }
  | { verb: 'dispatchToUnit'; unitId: string; name: string }
  | { verb: 'passToMember'; memberId: string; name: string }
  | { verb: 'merge'; intoId: string; name: string }

export type ButtonVerb =
  | 'accept'
  | 'decline'
  | 'merge'
  | 'resolve'
  | 'recommend'
  | 'dispatchToUnit'
  | 'pool'
  | 'recall'
  | 'passToMember'
  | 'acceptDispatch'
  | 'declineDispatch'
  | 'claim'
  | 'start'
  | 'release'
  | 'finish'
  | 'confirm'
  | 'complain'
  | 'cancel'

/** Buttons that first ask the page for a list to pick from (units, grids, duplicates, the unit's members). */
export type PickVerb = 'dispatchToUnit' | 'pool' | 'merge' | 'passToMember'
const PICK_VERBS: ReadonlySet<ButtonVerb> = new Set<ButtonVerb>(['dispatchToUnit', 'pool', 'merge', 'passToMember'])

/** One choice in a picker; for 领单池 the id is `grid:<id>` or `community:<id>`. */
export interface PickOption {
  id: string
  name: string
  hint?: string
  /** Shown, greyed, and never chosen: the hint says why (e.g. a member without an account). */
  disabled?: boolean
}

/** The order the buttons are shown in: the usual next step first, the way back last. */
const BUTTON_ORDER: readonly ButtonVerb[] = [
  'accept',
  'decline',
  'merge',
  'recommend',
  'dispatchToUnit',
  'pool',
  'passToMember',
  'acceptDispatch',
  'declineDispatch',
  'claim',
  'start',
  'release',
  'finish',
  'confirm',
  'complain',
  'resolve',
  'recall',
  'cancel',
]

/** The function's verb → the button that performs it (dispatching to a member goes through the recommendations). */
function buttonOf(verb: string): ButtonVerb | null {
  if (verb === 'dispatchToMember') return 'recommend'
  return (BUTTON_ORDER as readonly string[]).includes(verb) ? (verb as ButtonVerb) : null
}

/**
 * The buttons for this caller on this order, in the order shown: exactly the verbs the function
 * says this caller may press now (`can`, domain availableVerbs). The function checks again when
 * one is pressed, so a button gone stale while the page was open only earns a message.
 */
export function availableActions(order: Pick<OrderDetail, 'can'>): ButtonVerb[] {
  const set = new Set(order.can.map(buttonOf).filter((b): b is ButtonVerb => b !== null))
  return BUTTON_ORDER.filter((b) => set.has(b))
}

const LABELS: Record<ButtonVerb, string> = {
  accept: '接单',
  decline: '不受理',
  merge: '合并到重复的服务单',
  resolve: '办结投诉',
  recommend: '推荐党员并派单',
  dispatchToUnit: '派给结对单位',
  pool: '放入领单池',
  recall: '收回重派',
  passToMember: '转派给本单位党员',
  acceptDispatch: '接受派单',
  declineDispatch: '婉拒派单',
  claim: '我来领单',
  start: '开始服务',
  release: '退回此单',
  finish: '完成服务',
  confirm: '确认完成并评价',
  complain: '不满意，投诉',
  cancel: '取消服务单',
}

/** Buttons that first open a form (reason, report, rating). */
const FORMS = {
  decline: { title: '不受理的原因', placeholder: '居民会看到这个原因（至少两个字）', button: '确认不受理', required: true },
  declineDispatch: { title: '婉拒的原因', placeholder: '例如：这几天出差在外', button: '确认婉拒', required: true },
  release: { title: '退回的原因', placeholder: '例如：临时有事，无法上门', button: '确认退回', required: true },
  complain: { title: '投诉的原因', placeholder: '请说明哪里不满意，社区会重新处理', button: '提交投诉', required: true },
  resolve: { title: '办结说明', placeholder: '例如：已与居民沟通，问题已解决', button: '确认办结', required: true },
  cancel: { title: '取消的原因（可不填）', placeholder: '例如：问题已经自己解决了', button: '确认取消', required: false },
  recall: { title: '收回的原因（可不填）', placeholder: '例如：党员长时间未接单', button: '确认收回', required: false },
} as const
type TextVerb = keyof typeof FORMS
type FormVerb = TextVerb | 'finish' | 'confirm'

/** What each picker asks, and the button that sends the choice. */
const PICKS: Record<PickVerb, { title: string; button: string; empty: string }> = {
  dispatchToUnit: { title: '选择结对单位', button: '派给这个单位', empty: '本社区还没有结对单位。' },
  pool: { title: '放入哪个领单池', button: '放入领单池', empty: '没有可用的领单池。' },
  merge: { title: '选择重复的服务单（本单将并入它）', button: '确认合并', empty: '本社区没有其他未办结的服务单。' },
  passToMember: { title: '选择本单位在该社区报到的党员', button: '转派给他', empty: '本单位在这个社区还没有已报到的党员。' },
}

/**
 * Steps that cannot be undone ask once more before they are sent (the order leaves the
 * resident's hands or is finished for good). Merging, declining, settling, cancelling and
 * confirming end the order; a complaint sends it back to the community with the resident's words.
 */
const CONFIRMS: Partial<Record<OrderAction['verb'], { title: string; content: string; button: string }>> = {
  decline: { title: '不受理这个服务单？', content: '居民会看到不受理的原因，这个服务单将不再办理。', button: '不受理' },
  merge: { title: '合并到重复的服务单？', content: '合并后本单不再单独办理，居民跟进被并入的那一单。', button: '合并' },
  resolve: { title: '办结这个投诉？', content: '办结后服务单结束，不能再派单。', button: '办结' },
  cancel: { title: '取消这个服务单？', content: '取消后不能恢复，需要帮助可以重新点单。', button: '取消服务单' },
  confirm: { title: '确认服务已完成？', content: '确认后服务单办结，评价不能再修改。', button: '确认' },
  complain: { title: '提交投诉？', content: '服务单会退回社区重新处理。', button: '提交投诉' },
}

const PRIMARY: ReadonlySet<ButtonVerb> = new Set(['accept', 'recommend', 'passToMember', 'acceptDispatch', 'claim', 'start', 'finish', 'confirm'])

function Button({ testId, children, onClick, kind = 'primary', disabled }: { testId: string; children: string; onClick: () => void; kind?: 'primary' | 'plain'; disabled?: boolean }) {
  return (
    <View
      className={`order-actions__button order-actions__button--${kind}${disabled ? ' order-actions__button--busy' : ''}`}
      hoverClass='order-actions__button--pressed'
      data-testid={testId}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {children}
    </View>
  )
}

export interface OrderActionsProps {
  order: OrderDetail
  onAction: (action: OrderAction) => Promise<void>
  /** Asks the page for the ranking; it answers the candidates to show. */
  onRecommend: () => Promise<CandidateView[]>
  /** Asks the page for what a picker offers (paired units, pools, duplicates, the unit's members). */
  onOptions?: (verb: PickVerb) => Promise<PickOption[]>
  /** Asks before an irreversible step; answers whether to go on. Defaults to the platform's modal. */
  confirm?: (title: string, content: string, button: string) => Promise<boolean>
  error?: string | null
}

/** `grid:<id>` / `community:<id>` → the pool to send. */
export function poolOf(optionId: string): PoolTarget | null {
  const m = /^(grid|community):(.+)$/.exec(optionId)
  return m ? { kind: m[1] as PoolTarget['kind'], id: m[2] } : null
}

/** The steps this caller may take now, with their forms. */
export function OrderActions({ order, onAction, onRecommend, onOptions, confirm = confirmAction, error }: OrderActionsProps) {
  const verbs = availableActions(order)
  const [form, setForm] = useState<FormVerb | null>(null)
  const [text, setText] = useState('')
  const [hours, setHours] = useState(1)
  const [stars, setStars] = useState(5)
  const [busy, setBusy] = useState(false)
  const [candidates, setCandidates] = useState<CandidateView[] | null>(null)
  const [pick, setPick] = useState<{ verb: PickVerb; options: PickOption[]; chosen: string | null } | null>(null)

  const run = async (action: OrderAction) => {
    const ask = CONFIRMS[action.verb]
    if (ask && !(await confirm(ask.title, ask.content, ask.button))) return
    setBusy(true)
    try {
      await onAction(action)
      setForm(null)
      setText('')
      setCandidates(null)
      setPick(null)
    } finally {
      setBusy(false)
    }
  }

  const press = async (verb: ButtonVerb) => {
    setCandidates(null)
    setPick(null)
    if (verb === 'accept' || verb === 'acceptDispatch' || verb === 'start' || verb === 'claim') return run({ verb })
    if (verb === 'recommend') {
      setBusy(true)
      try {
        setCandidates(await onRecommend())
      } finally {
        setBusy(false)
      }
      return
    }
    if (PICK_VERBS.has(verb)) {
      const v = verb as PickVerb
      setBusy(true)
      try {
        const options = onOptions ? await onOptions(v) : []
        // One choice only (a community pool with no grids): preselect it, one tap less.
        const choosable = options.filter((o) => !o.disabled)
        setPick({ verb: v, options, chosen: choosable.length === 1 ? choosable[0].id : null })
      } catch {
        // The page shows why the list could not be had; the buttons stay.
      } finally {
        setBusy(false)
      }
      return
    }
    setForm(verb as FormVerb)
    setText('')
  }

  const submit = () => {
    if (!form) return
    const t = text.trim()
    if (form === 'finish') return run({ verb: 'finish', note: t, hours })
    if (form === 'confirm') return run({ verb: 'confirm', stars, comment: t })
    if (form === 'cancel' || form === 'recall') return run(t ? { verb: form, reason: t } : { verb: form })
    return run({ verb: form, reason: t })
  }

  const submitPick = () => {
    if (!pick?.chosen) return
    const option = pick.options.find((o) => o.id === pick.chosen)
    if (!option) return
    if (pick.verb === 'pool') {
      const pool = poolOf(option.id)
      return pool ? run({ verb: 'pool', pool }) : undefined
    }
    if (pick.verb === 'merge') return run({ verb: 'merge', intoId: option.id, name: option.name })
    if (pick.verb === 'dispatchToUnit') return run({ verb: 'dispatchToUnit', unitId: option.id, name: option.name })
    return run({ verb: 'passToMember', memberId: option.id, name: option.name })
  }

  if (verbs.length === 0 && !error) return null
  const open = form !== null || pick !== null
  return (
    <View className='order-actions' data-testid='order-actions' data-verbs={verbs.join(' ')}>
      {error && (
        <Text className='order-actions__error' data-testid='order-error'>
          {error}
        </Text>
      )}
      {!open &&
        verbs.map((v) => (
          <Button key={v} testId={`order-${v}`} kind={PRIMARY.has(v) ? 'primary' : 'plain'} disabled={busy} onClick={() => void press(v)}>
            {LABELS[v]}
          </Button>
        ))}
      {candidates && !open && (
        <View className='order-actions__form' data-testid='order-recommend'>
          <Text className='order-actions__label'>推荐的党员（按匹配程度排序）</Text>
          <OrderCandidates candidates={candidates} busy={busy} onDispatch={(c) => void run({ verb: 'dispatch', memberId: c.id, name: c.name })} />
        </View>
      )}
      {pick && (
        <View className='order-actions__form' data-testid='order-pick' data-verb={pick.verb}>
          <Text className='order-actions__label'>{PICKS[pick.verb].title}</Text>
          {pick.options.length === 0 ? (
            <Text className='order-actions__hint' data-testid='order-pick-empty'>
              {PICKS[pick.verb].empty}
            </Text>
          ) : (
            pick.options.map((o) => (
              <View
                key={o.id}
                className={`order-actions__option${o.id === pick.chosen ? ' order-actions__option--on' : ''}${o.disabled ? ' order-actions__option--off' : ''}`}
                data-testid='order-option'
                data-value={o.id}
                data-selected={o.id === pick.chosen ? 'true' : 'false'}
                data-disabled={o.disabled ? 'true' : 'false'}
                onClick={() => !o.disabled && setPick({ ...pick, chosen: o.id })}
              >
                <Text className='order-actions__option-name'>{o.name}</Text>
                {o.hint && <Text className='order-actions__option-hint'>{o.hint}</Text>}
              </View>
            ))
          )}
          {pick.options.some((o) => !o.disabled) && (
            <Button testId='order-pick-submit' disabled={busy || !pick.chosen} onClick={() => void submitPick()}>
              {PICKS[pick.verb].button}
            </Button>
          )}
          <Button testId='order-form-cancel' kind='plain' onClick={() => setPick(null)}>
            返回
          </Button>
        </View>
      )}
      {form && (
        <View className='order-actions__form' data-testid='order-form' data-verb={form}>
          {form === 'confirm' && (
            <View>
              <Text className='order-actions__label'>给这次服务打分</Text>
              <View className='order-actions__stars'>
                {[1, 2, 3, 4, 5].map((n) => (
                  <View key={n} className={`order-actions__star${n <= stars ? ' order-actions__star--on' : ''}`} data-testid='order-star' data-value={n} onClick={() => setStars(n)}>
                    {n <= stars ? '★' : '☆'}
                  </View>
                ))}
              </View>
              <Text className='order-actions__hint' data-testid='order-stars'>
                {stars}星{stars <= LOW_RATING ? '，请写下不满意的地方' : ''}
              </Text>
            </View>
          )}
          {form === 'finish' && (
            <View>
              <Text className='order-actions__label'>服务时长</Text>
              <View className='order-actions__stepper'>
                <View className='order-actions__step' data-testid='order-hours-less' onClick={() => setHours((h) => Math.max(HOURS_MIN, h - 0.5))}>
                  －
                </View>
                <Text className='order-actions__hours' data-testid='order-hours'>
                  {hours}小时
                </Text>
                <View className='order-actions__step' data-testid='order-hours-more' onClick={() => setHours((h) => Math.min(HOURS_MAX, h + 0.5))}>
                  ＋
                </View>
              </View>
            </View>
          )}
          <Text className='order-actions__label'>
            {form === 'finish' ? '服务情况' : form === 'confirm' ? '说几句（可不填）' : FORMS[form].title}
          </Text>
          {form === 'confirm' ? (
            <Input className='order-actions__input' data-testid='order-form-text' value={text} maxlength={200} placeholder='例如：很及时，谢谢' onInput={(e) => setText(textOf(e))} />
          ) : (
            <Textarea
              className='order-actions__textarea'
              data-testid='order-form-text'
              value={text}
              maxlength={form === 'finish' ? 500 : 200}
              placeholder={form === 'finish' ? '例如：已更换水管接头，不再漏水' : FORMS[form].placeholder}
              onInput={(e) => setText(textOf(e))}
            />
          )}
          <Button testId='order-form-submit' disabled={busy} onClick={() => void submit()}>
            {form === 'finish' ? '提交完成' : form === 'confirm' ? '提交评价' : FORMS[form].button}
          </Button>
          <Button testId='order-form-cancel' kind='plain' onClick={() => setForm(null)}>
            返回
          </Button>
        </View>
      )}
    </View>
  )
}
