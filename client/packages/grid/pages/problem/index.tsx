import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProblemDetail } from '@domain/api/problems'
import { ProblemActions, type ProblemAction } from '@/components/ProblemActions/ProblemActions'
import { ProblemTimeline } from '@/components/ProblemTimeline/ProblemTimeline'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { useProblem } from '@/hooks/useProblems'
import { usePageParams } from '@/hooks/usePageParams'
import * as problems from '@/services/problems'
import { messageOf } from '@/services/ApiError'
import { withSubscribe } from '@/services/subscribe'
import { choosePhotos, uploadPhoto } from '@/services/upload'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

const DAY = 86_400_000

const DONE: Record<ProblemAction['verb'], string> = {
  holdMeeting: '已记录现场议事',
  assign: '已交办',
  solve: '已提交，等待确认',
  confirm: '已确认办结',
  reopen: '已退回重办',
  dismiss: '已标记不予处理',
}

async function perform(p: ProblemDetail, a: ProblemAction): Promise<ProblemDetail> {
  switch (a.verb) {
    case 'holdMeeting':
      // The panel opens inside the tap (WeChat's rule): problems left late.
      return withSubscribe('problemManage', () => problems.holdMeeting(p.id, a.attendees, a.decision))
    case 'assign':
      return withSubscribe('problemManage', () => problems.assignProblem(p.id, a.assignee, new Date(Date.now() + a.days * DAY).toISOString()))
    case 'solve':
      return withSubscribe('problemWork', () => problems.solveProblem(p.id, a.note, a.photos))
    case 'confirm':
      return problems.confirmProblem(p.id)
    case 'reopen':
      return problems.reopenProblem(p.id, a.reason)
    case 'dismiss':
      return problems.dismissProblem(p.id, a.reason)
  }
}

function Row({ label, children, testId }: { label: string; children: string; testId?: string }) {
  return (
    <View className='problem-page__row'>
      <Text className='problem-page__key'>{label}</Text>
      <Text className='problem-page__value' data-testid={testId}>
        {children}
      </Text>
    </View>
  )
}

/** One problem: what, where, its state in words, the meeting, the assignment, the solution, the buttons `get` answers, the history. */
export default function ProblemPage() {
  const { id = '' } = usePageParams()
  const view = useProblem(id || null)
  const [error, setError] = useState<string | null>(null)
  const p = view.data

  const onAction = async (action: ProblemAction) => {
    if (!p) return
    setError(null)
    try {
      view.set(await perform(p, action))
      void Taro.showToast({ title: DONE[action.verb], icon: 'none', duration: 2000 })
    } catch (e) {
      const message = messageOf(e)
      setError(message)
      // Someone else was faster, or the problem moved on: show it as it is now.
      await view.reload()
      throw e
    }
  }

  const pickPhotos = async () => {
    const chosen = await choosePhotos(1)
    return Promise.all(chosen.map((c) => uploadPhoto(c, 'problems')))
  }

  return (
    <Page className='page problem-page' data-testid='page-problem' data-id={id}>
      {!id ? (
        <Text className='problem-page__none'>没有找到这个问题，请从「步巡问题」打开。</Text>
      ) : p ? (
        <View data-testid='problem-detail' data-state={p.state}>
          <View className='problem-page__card'>
            <View className='problem-page__head'>
              <Text className='problem-page__category'>{p.category}</Text>
              <Text className='problem-page__state' data-testid='problem-state'>
                {p.stateLabel}
              </Text>
            </View>
            <Text className='problem-page__text' data-testid='problem-text'>
              {p.description}
            </Text>
            <Row label='位置' testId='problem-place'>{`${p.placeName}${p.address ? ` · ${p.address}` : ''}`}</Row>
            <Row label='上报'>{`${p.reporterName} · ${formatChinaTime(p.createdAt)}`}</Row>
            {p.photos.length > 0 && (
              <View className='problem-page__photos'>
                {p.photos.map((ph) => (
                  <Image key={ph.fileId} className='problem-page__photo' src={ph.fileId} mode='aspectFill' nativeProps={{ alt: '现场照片' }} />
                ))}
              </View>
            )}
            {p.meeting && <Row label='现场议事' testId='problem-meeting'>{`${p.meeting.decision}（参加：${p.meeting.attendees.join('、')}）`}</Row>}
            {p.assignee && <Row label='负责' testId='problem-assignee'>{`${p.assignee.name}${p.dueAt ? ` · ${formatChinaTime(p.dueAt, 'YYYY-MM-DD')}前办结` : ''}`}</Row>}
            {p.solution && <Row label='解决情况' testId='problem-solution'>{p.solution.note || '已处理（见照片）'}</Row>}
            {p.reason && <Row label='原因'>{p.reason}</Row>}
            {p.overdue && (
              <Text className='problem-page__late' data-testid='problem-late'>
                已超时，{p.overdue.levelLabel}督办中
              </Text>
            )}
          </View>
          <ProblemActions
            key={`${p.state}:${p.can.join(',')}`}
            problem={p}
            onAction={onAction}
            loadAssignees={async () => (await problems.problemAssignees(p.id)).options}
            pickPhotos={pickPhotos}
            error={error}
          />
          <ProblemTimeline items={p.timeline} />
        </View>
      ) : (
        <LoadPanel error={view.error} onRetry={() => void view.reload()} />
      )}
    </Page>
  )
}
