import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { CandidateView, OrderDetail } from '@domain/api/orders'
import { HOURS_MAX, HOURS_MIN, LOW_RATING, isCancellable } from '@domain/orders'
import { OrderCandidates } from '@/components/OrderCandidates/OrderCandidates'
import { textOf } from '@/components/WishIntake/textOf'
import './OrderActions.scss'

/** How the caller stands to the order (see hooks/useOrders.ts OrderRelation). */
export interface Relation {
  requester: boolean
  assignee: boolean
  communityAdmin: boolean
  dispatcher: boolean
  member: boolean
  /** The order's community when the caller dispatches (for 放入领单池); null when unknown. */
  poolCommunityId?: string | null
}

/** What a button asks the page to do; the page calls the service and reloads the order. */
export type OrderAction =
  | { verb: 'accept' | 'acceptDispatch' | 'start' | 'claim' }
  | { verb: 'pool'; communityId: string }
  | { verb: 'decline' | 'declineDispatch' | 'complain' | 'resolve' | 'release'; reason: string }
  | { verb: 'cancel' | 'recall'; reason?: string }
  | { verb: 'finish'; note: string; hours: number }
  | { verb: 'confirm'; stars: number; comment: string }
  | { verb: 'dispatch'; memberId: string; name: string }

export type ButtonVerb = 'accept' | 'decline' | 'resolve' | 'recommend' | 'pool' | 'recall' | 'acceptDispatch' | 'declineDispatch' | 'claim' | 'start' | 'release' | 'finish' | 'confirm' | 'complain' | 'cancel'

/**
 * The buttons for this caller on this order, in the order shown. Mirrors the transition table
 * (docs/orders.md); the cloud function checks again, so a stale button only earns a message.
 */
export function availableActions(order: Pick<OrderDetail, 'state'>, rel: Relation): ButtonVerb[] {
  const s = order.state
  const out: ButtonVerb[] = []
  if (rel.communityAdmin && s === 'ordered') out.push('accept', 'decline')
  if (rel.dispatcher && (s === 'accepted' || s === 'pooled' || s === 'complained')) out.push('recommend')
  if (rel.dispatcher && rel.poolCommunityId && (s === 'accepted' || s === 'complained')) out.push('pool')
  if (rel.communityAdmin && s === 'complained') out.push('resolve')
  if (rel.dispatcher && (s === 'dispatched_member' || s === 'dispatched_unit' || s === 'pooled')) out.push('recall')
  if (rel.assignee && s === 'dispatched_member') out.push('acceptDispatch', 'declineDispatch')
  if (rel.member && !rel.assignee && s === 'pooled') out.push('claim')
  if (rel.assignee && s === 'claimed') out.push('start', 'release')
  if (rel.assignee && s === 'in_progress') out.push('finish')
  if (rel.requester && s === 'done') out.push('confirm', 'complain')
  if (rel.requester && isCancellable(s)) out.push('cancel')
  return out
}

const LABELS: Record<ButtonVerb, string> = {
  accept: '接单',
  decline: '不受理',
  resolve: '办结投诉',
  recommend: '推荐党员并派单',
  pool: '放入社区领单池',
  recall: '收回重派',
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
type FormVerb = keyof typeof FORMS | 'finish' | 'confirm'

const PRIMARY: ReadonlySet<ButtonVerb> = new Set(['accept', 'recommend', 'acceptDispatch', 'claim', 'start', 'finish', 'confirm'])

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
  relation: Relation
  onAction: (action: OrderAction) => Promise<void>
  /** Asks the page for the ranking; it answers the candidates to show. */
  onRecommend: () => Promise<CandidateView[]>
  error?: string | null
}

/** The steps this caller may take now, with their forms. */
export function OrderActions({ order, relation, onAction, onRecommend, error }: OrderActionsProps) {
  const verbs = availableActions(order, relation)
  const [form, setForm] = useState<FormVerb | null>(null)
  const [text, setText] = useState('')
  const [hours, setHours] = useState(1)
  const [stars, setStars] = useState(5)
  const [busy, setBusy] = useState(false)
  const [candidates, setCandidates] = useState<CandidateView[] | null>(null)

  const run = async (action: OrderAction) => {
    setBusy(true)
    try {
      await onAction(action)
      setForm(null)
      setText('')
      setCandidates(null)
    } finally {
      setBusy(false)
    }
  }

  const press = async (verb: ButtonVerb) => {
    if (verb === 'accept' || verb === 'acceptDispatch' || verb === 'start' || verb === 'claim') return run({ verb })
    if (verb === 'pool') return run({ verb, communityId: relation.poolCommunityId! })
    if (verb === 'recommend') {
      setBusy(true)
      try {
        setCandidates(await onRecommend())
      } finally {
        setBusy(false)
      }
      return
    }
    setForm(verb)
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

  if (verbs.length === 0 && !error) return null
  return (
    <View className='order-actions' data-testid='order-actions' data-verbs={verbs.join(' ')}>
      {error && (
        <Text className='order-actions__error' data-testid='order-error'>
          {error}
        </Text>
      )}
      {!form &&
        verbs.map((v) => (
          <Button key={v} testId={`order-${v}`} kind={PRIMARY.has(v) ? 'primary' : 'plain'} disabled={busy} onClick={() => void press(v)}>
            {LABELS[v]}
          </Button>
        ))}
      {candidates && !form && (
        <View className='order-actions__form' data-testid='order-recommend'>
          <Text className='order-actions__label'>推荐的党员（按匹配程度排序）</Text>
          <OrderCandidates candidates={candidates} busy={busy} onDispatch={(c) => void run({ verb: 'dispatch', memberId: c.id, name: c.name })} />
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
                    ★
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
