import { useState } from 'react'
import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { ProblemList } from '@/components/ProblemCard/ProblemCard'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { isProblemStaff, mayBeAssigned, useProblemList } from '@/hooks/useProblems'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import type { ProblemListView } from '@/services/problems'
import './index.scss'

const SEGMENTS: ReadonlyArray<{ id: ProblemListView; label: string; empty: string }> = [
  { id: 'mine', label: '我上报的', empty: '您还没有上报问题。看到楼道堆物、设施损坏，点上方「随手拍」上报。' },
  { id: 'community', label: '社区问题', empty: '现在没有步巡问题。' },
  { id: 'assigned', label: '交给我的', empty: '现在没有交给您处理的问题。' },
]

/** 步巡问题 · 随手拍: what I reported (and follow), the community's problems for its staff, what was assigned to me. */
export default function ProblemsPage() {
  const who = useWhoAmI()
  const segments = SEGMENTS.filter((s) => s.id === 'mine' || (s.id === 'community' ? isProblemStaff(who.data) : mayBeAssigned(who.data)))
  // Until a tab is tapped: the community's problems for its staff, else what I reported (who.data arrives after the first render).
  const [view, setView] = useState<ProblemListView | null>(null)
  const segment = segments.find((s) => s.id === (view ?? (isProblemStaff(who.data) ? 'community' : 'mine'))) ?? segments[0]
  const list = useProblemList(who.data ? segment.id : null)

  // Back from a problem or a report: states moved.
  useDidShow(() => {
    if (list.data || list.error) void list.reload()
  })

  return (
    <Page className='page problems-page' data-testid='page-problems' data-view={segment.id}>
      <View className='problems-page__new' hoverClass='problems-page__new--pressed' role='button' data-testid='problems-new' onClick={() => openPage('problemNew')}>
        ＋ 随手拍 · 上报问题
      </View>
      {segments.length > 1 && (
        <View className='problems-page__tabs' role='tablist' data-testid='problems-tabs'>
          {segments.map((s) => (
            <View
              key={s.id}
              className={`problems-page__tab${s.id === segment.id ? ' problems-page__tab--on' : ''}`}
              role='tab'
              aria-selected={s.id === segment.id}
              data-testid='problems-tab'
              data-value={s.id}
              data-selected={s.id === segment.id ? 'true' : 'false'}
              onClick={() => setView(s.id)}
            >
              {s.label}
            </View>
          ))}
        </View>
      )}
      {list.data ? (
        <ProblemList items={list.data.items} onOpen={(id) => openPage('problem', { id })} empty={segment.empty} />
      ) : who.error ? (
        <LoadPanel error={who.error} onRetry={() => void who.reload()} />
      ) : (
        <LoadPanel error={list.error} onRetry={() => void list.reload()} />
      )}
    </Page>
  )
}
