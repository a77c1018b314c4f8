import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { textOf } from '@/components/WishIntake/textOf'
import './ProposalAnswer.scss'

export type ProposalAnswerInput = { verb: 'adopt'; reason: string; plannedCost: number; beneficiaries: number } | { verb: 'decline'; reason: string }

/** Whole yuan or people typed by hand: NaN for anything else, so the function's check says why. */
const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/**
 * The community's answer: adopt (it becomes a 微实事, with its planned cost and beneficiaries) or
 * not adopt; both with a reason the proposer reads. The function checks the reason (and refuses
 * without one); the form only passes what was typed.
 */
export function ProposalAnswer({ onAnswer, error }: { onAnswer: (a: ProposalAnswerInput) => Promise<void>; error?: string | null }) {
  const [reason, setReason] = useState('')
  const [cost, setCost] = useState('')
  const [people, setPeople] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const send = async (a: ProposalAnswerInput) => {
    setBusy(true)
    try {
      await onAnswer(a)
    } catch {
      // The page shows why; the form keeps what was typed.
    } finally {
      setBusy(false)
    }
  }

  const adopt = () => {
    const plannedCost = whole(cost)
    const beneficiaries = whole(people)
    if (Number.isNaN(plannedCost) || Number.isNaN(beneficiaries)) return setProblem('采纳时请填写计划费用（元）和受益人数（整数）')
    setProblem(null)
    void send({ verb: 'adopt', reason, plannedCost, beneficiaries })
  }

  return (
    <View className='proposal-answer' data-testid='proposal-answer'>
      <Text className='proposal-answer__title'>社区答复</Text>
      {(problem || error) && (
        <Text className='proposal-answer__error' data-testid='proposal-answer-error'>
          {problem || error}
        </Text>
      )}
      <Text className='proposal-answer__label'>答复理由（必填，提案人会看到）</Text>
      <Textarea
        className='proposal-answer__textarea'
        data-testid='proposal-answer-reason'
        value={reason}
        maxlength={300}
        placeholder='例如：已列入今年微实事；或：场地不足，暂不具备条件'
        onInput={(e) => setReason(textOf(e))}
      />
      <Text className='proposal-answer__label'>采纳时：计划费用（元）</Text>
      <Input className='proposal-answer__input' data-testid='proposal-answer-cost' type='number' value={cost} placeholder='例如 30000' onInput={(e) => setCost(textOf(e))} nativeProps={{ 'aria-label': '计划费用（元）', inputMode: 'numeric' }} />
      <Text className='proposal-answer__label'>采纳时：受益人数</Text>
      <Input className='proposal-answer__input' data-testid='proposal-answer-people' type='number' value={people} placeholder='例如 200' onInput={(e) => setPeople(textOf(e))} nativeProps={{ 'aria-label': '受益人数', inputMode: 'numeric' }} />
      <View className='proposal-answer__button proposal-answer__button--primary' hoverClass='proposal-answer__button--pressed' role='button' aria-disabled={busy} data-testid='proposal-adopt' onClick={() => !busy && adopt()}>
        采纳，列入微实事
      </View>
      <View className='proposal-answer__button proposal-answer__button--plain' hoverClass='proposal-answer__button--pressed' role='button' aria-disabled={busy} data-testid='proposal-decline' onClick={() => !busy && void send({ verb: 'decline', reason })}>
        不予采纳
      </View>
    </View>
  )
}
