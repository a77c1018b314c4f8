import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { ProjectCard, ProjectTotals, type ProjectStep } from '@/components/ProjectCard/ProjectCard'
import { usePageParams } from '@/hooks/usePageParams'
import { chinaYearNow, projectOwnerOf, useProjects } from '@/hooks/useProposals'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { messageOf } from '@/services/ApiError'
import { openPage } from '@/navigation'
import * as proposals from '@/services/proposals'
import './index.scss'

/** 微实事: a community's (or a unit's) small projects of the year, planned → 实施中 → 已完成, with the year's totals. */
export default function ProjectsPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const owner = projectOwnerOf(who.data, params.ownerId)
  const [year, setYear] = useState(() => Number(params.year) || chinaYearNow())
  const list = useProjects(owner, year)
  const [error, setError] = useState<string | null>(null)
  // Back from 新增微实事: the new project and the year's totals.
  useDidShow(() => void list.reload())

  const onStep = async (id: string, step: ProjectStep) => {
    setError(null)
    try {
      if (step.verb === 'start') await proposals.startProject(id)
      else await proposals.finishProject(id, step.actualCost, step.beneficiaries)
      void Taro.showToast({ title: step.verb === 'start' ? '已开始实施' : '已登记完成', icon: 'none', duration: 2000 })
    } catch (e) {
      setError(messageOf(e))
      throw e
    } finally {
      // The totals move with every step: read the year again.
      await list.reload()
    }
  }

  return (
    <Page className='page projects-page' data-testid='page-projects' data-year={year}>
      <View className='projects-page__years' role='tablist'>
        {[year - 1, year, year + 1].map((y) => (
          <View key={y} className={`projects-page__year${y === year ? ' projects-page__year--on' : ''}`} role='tab' aria-selected={y === year} data-testid='projects-year' onClick={() => setYear(y)}>
            {`${y}年`}
          </View>
        ))}
      </View>
      {!owner && who.data ? (
        <Text className='projects-page__none' data-testid='projects-no-owner'>
          微实事清单由社区或单位管理员维护，请从社区的微提案查看。
        </Text>
      ) : list.data ? (
        <View data-testid='projects' data-owner={list.data.owner.id}>
          <Text className='projects-page__owner'>{`${list.data.owner.name}的微实事`}</Text>
          <ProjectTotals totals={list.data.totals} year={list.data.year} />
          {list.data.canCreate && (
            <View
              className='projects-page__new'
              hoverClass='projects-page__new--pressed'
              data-testid='projects-new'
              onClick={() => openPage('projectNew', { ownerKind: list.data!.owner.kind, ownerId: list.data!.owner.id, communityId: list.data!.communityId, year: String(list.data!.year) })}
            >
              ＋ 新增微实事
            </View>
          )}
          {error && (
            <Text className='projects-page__error' data-testid='projects-error'>
              {error}
            </Text>
          )}
          {list.data.items.length === 0 ? (
            <Text className='projects-page__none' data-testid='projects-empty'>
              这一年还没有微实事项目。
            </Text>
          ) : (
            list.data.items.map((p) => <ProjectCard key={`${p.id}:${p.state}`} item={p} onStep={onStep} />)
          )}
        </View>
      ) : who.error ? (
        <LoadPanel error={who.error} onRetry={() => void who.reload()} />
      ) : (
        <LoadPanel error={list.error} onRetry={() => void list.reload()} />
      )}
    </Page>
  )
}
