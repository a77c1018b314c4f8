import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProposalDetail } from '@domain/api/proposals'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { ProposalAnswer, type ProposalAnswerInput } from '@/components/ProposalAnswer/ProposalAnswer'
import { usePageParams } from '@/hooks/usePageParams'
import { useProposal } from '@/hooks/useProposals'
import { openPage } from '@/navigation'
import { messageOf } from '@/services/ApiError'
import * as proposals from '@/services/proposals'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

/**
 * One proposal: what it asks, its supports, the community's answer and its history. Anyone of the
 * community may press 支持 while it waits for its answer; the function decides (one support per
 * person, never the proposer's own) and the page says why when it refuses.
 */
export default function ProposalPage() {
  const { id = '' } = usePageParams()
  const view = useProposal(id || null)
  const [error, setError] = useState<string | null>(null)
  const [answerError, setAnswerError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const show = (detail: ProposalDetail, toast: string) => {
    view.set(detail)
    void Taro.showToast({ title: toast, icon: 'none', duration: 2000 })
  }

  const support = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      show(await proposals.supportProposal(id), '已支持')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const answer = async (a: ProposalAnswerInput) => {
    setAnswerError(null)
    try {
      const detail = a.verb === 'adopt' ? await proposals.adoptProposal(id, a.reason, a.plannedCost, a.beneficiaries) : await proposals.declineProposal(id, a.reason)
      show(detail, a.verb === 'adopt' ? '已采纳，已列入微实事' : '已答复')
    } catch (e) {
      setAnswerError(messageOf(e))
      throw e
    }
  }

  const p = view.data
  return (
    <Page className='page proposal-page' data-testid='page-proposal' data-id={id}>
      {!id ? (
        <Text className='proposal-page__none'>没有找到这条提案，请从「微提案」打开。</Text>
      ) : p ? (
        <View data-testid='proposal-detail' data-state={p.state}>
          <View className='proposal-page__card'>
            <Text className='proposal-page__state' data-testid='proposal-state'>
              {p.stateLabel}
              {p.late ? '（已超期）' : ''}
            </Text>
            <Text className='proposal-page__title' data-testid='proposal-title'>
              {p.title}
            </Text>
            <Text className='proposal-page__body'>{p.body}</Text>
            <Text className='proposal-page__meta'>{`${p.proposerName} · ${p.communityName} · ${formatChinaTime(p.createdAt)}`}</Text>
            {p.state === 'submitted' && <Text className='proposal-page__meta'>{`社区将在 ${formatChinaTime(p.answerDueAt, 'YYYY-MM-DD')} 前答复`}</Text>}
            <Text className='proposal-page__count' data-testid='proposal-support-count' data-count={p.supportCount}>
              {`${p.supportCount}人支持${p.supported ? '（您已支持）' : ''}`}
            </Text>
            {error && (
              <Text className='proposal-page__error' data-testid='proposal-error'>
                {error}
              </Text>
            )}
            {p.state === 'submitted' && !p.canAnswer && (
              <View className='proposal-page__button' hoverClass='proposal-page__button--pressed' role='button' aria-disabled={busy} data-testid='proposal-support' onClick={() => void support()}>
                {p.supported ? '👍 已支持' : '👍 支持这条提案'}
              </View>
            )}
          </View>
          {p.answer && (
            <View className='proposal-page__card' data-testid='proposal-answer-shown'>
              <Text className='proposal-page__label'>{`社区答复：${p.stateLabel}`}</Text>
              <Text className='proposal-page__body'>{p.answer.reason}</Text>
              <Text className='proposal-page__meta'>{`${p.answer.byName} · ${formatChinaTime(p.answer.at)}`}</Text>
              {p.answer.projectId && (
                <View className='proposal-page__link' hoverClass='proposal-page__button--pressed' role='link' data-testid='proposal-project-link' onClick={() => openPage('projects', { ownerId: p.communityId })}>
                  查看微实事 ›
                </View>
              )}
            </View>
          )}
          {p.canAnswer && <ProposalAnswer onAnswer={answer} error={answerError} />}
          {p.timeline.length > 0 && (
            <View className='proposal-page__card' data-testid='proposal-timeline'>
              <Text className='proposal-page__label'>提案经过</Text>
              {p.timeline.map((t, i) => (
                <Text key={i} className='proposal-page__meta' data-testid='proposal-step' data-verb={t.verb}>
                  {`${formatChinaTime(t.at)} ${t.byName} ${t.label}${t.reason ? `：${t.reason}` : ''}`}
                </Text>
              ))}
            </View>
          )}
        </View>
      ) : (
        <LoadPanel error={view.error} onRetry={() => void view.reload()} />
      )}
    </Page>
  )
}
