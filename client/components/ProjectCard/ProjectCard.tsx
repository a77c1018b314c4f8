import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { ProjectList, ProjectRow } from '@domain/api/proposals'
import { textOf } from '@/components/WishIntake/textOf'
import './ProjectCard.scss'

export type ProjectStep = { verb: 'start' } | { verb: 'finish'; actualCost: number; beneficiaries?: number }

/** The year's figures the dashboard shows: every project counts as planned, then in progress and done. */
export function ProjectTotals({ totals, year }: { totals: ProjectList['totals']; year: number }) {
  return (
    <View className='project-totals' data-testid='project-totals' data-planned={totals.planned} data-in-progress={totals.inProgress} data-done={totals.done}>
      <Text className='project-totals__item'>{`${year}年计划 ${totals.planned} 项`}</Text>
      <Text className='project-totals__item'>{`实施中 ${totals.inProgress} 项`}</Text>
      <Text className='project-totals__item'>{`已完成 ${totals.done} 项`}</Text>
    </View>
  )
}

/** One 微实事: its state in words, costs and beneficiaries, and the next step for whoever keeps the list. */
export function ProjectCard({ item, onStep }: { item: ProjectRow; onStep: (id: string, step: ProjectStep) => Promise<void> }) {
  const [finishing, setFinishing] = useState(false)
  const [cost, setCost] = useState('')
  const [people, setPeople] = useState(String(item.beneficiaries))
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const run = async (step: ProjectStep) => {
    setBusy(true)
    try {
      await onStep(item.id, step)
      setFinishing(false)
    } catch {
      // The page shows why.
    } finally {
      setBusy(false)
    }
  }

  const finish = () => {
    const actualCost = /^\d+$/.test(cost.trim()) ? Number(cost.trim()) : NaN
    if (Number.isNaN(actualCost)) return setProblem('请填写实际费用（元，整数）')
    const beneficiaries = /^\d+$/.test(people.trim()) ? Number(people.trim()) : undefined
    setProblem(null)
    void run({ verb: 'finish', actualCost, beneficiaries })
  }

  return (
    <View className='project-card' data-testid='project-card' data-id={item.id} data-state={item.state}>
      <Text className={`project-card__state project-card__state--${item.state}`} data-testid='project-state'>
        {item.stateLabel}
      </Text>
      <Text className='project-card__title' data-testid='project-title'>
        {item.title}
      </Text>
      {item.description && <Text className='project-card__meta'>{item.description}</Text>}
      <Text className='project-card__meta'>{`${item.ownerName} · 计划费用 ${item.plannedCost} 元${item.actualCost !== null ? ` · 实际费用 ${item.actualCost} 元` : ''}`}</Text>
      <Text className='project-card__meta'>{`受益 ${item.beneficiaries} 人${item.proposalId ? ' · 来自微提案' : ''}`}</Text>
      {problem && (
        <Text className='project-card__error' data-testid='project-problem'>
          {problem}
        </Text>
      )}
      {item.canEdit && item.state === 'planned' && !finishing && (
        <View className='project-card__button project-card__button--primary' hoverClass='project-card__button--pressed' role='button' aria-disabled={busy} data-testid='project-start' onClick={() => !busy && void run({ verb: 'start' })}>
          开始实施
        </View>
      )}
      {item.canEdit && !finishing && (
        <View className='project-card__button project-card__button--plain' hoverClass='project-card__button--pressed' role='button' data-testid='project-finish' onClick={() => setFinishing(true)}>
          登记完成
        </View>
      )}
      {finishing && (
        <View className='project-card__form' data-testid='project-finish-form'>
          <Text className='project-card__label'>实际费用（元）</Text>
          <Input className='project-card__input' data-testid='project-finish-cost' type='number' value={cost} onInput={(e) => setCost(textOf(e))} nativeProps={{ 'aria-label': '实际费用（元）', inputMode: 'numeric' }} />
          <Text className='project-card__label'>受益人数</Text>
          <Input className='project-card__input' data-testid='project-finish-people' type='number' value={people} onInput={(e) => setPeople(textOf(e))} nativeProps={{ 'aria-label': '受益人数', inputMode: 'numeric' }} />
          <View className='project-card__button project-card__button--primary' hoverClass='project-card__button--pressed' role='button' aria-disabled={busy} data-testid='project-finish-submit' onClick={() => !busy && finish()}>
            确认完成
          </View>
          <View className='project-card__button project-card__button--plain' hoverClass='project-card__button--pressed' role='button' data-testid='project-finish-cancel' onClick={() => setFinishing(false)}>
            返回
          </View>
        </View>
      )}
    </View>
  )
}
