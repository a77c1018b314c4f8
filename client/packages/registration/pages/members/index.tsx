import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { UnitProgressView } from '@/components/RequirementProgress/RequirementProgress'
import { BuildingGroups, MemberItem, MemberSearch, PairedUnitList } from '@/components/Members/Members'
import { ExportButton } from '@/components/ExportButton/ExportButton'
import { exportList } from '@/services/exports'
import { usePageParams } from '@/hooks/usePageParams'
import { useRemote } from '@/hooks/useRemote'
import { useUnitProgress } from '@/hooks/useRequirements'
import { reviewTarget, type ReviewTarget } from '@/hooks/reviewTarget'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { communityMembers, compoundMembers, pairedUnits, searchMembers, unitMembers } from '@/services/members'
import './index.scss'

function CommunityBoard({ target }: { target: ReviewTarget }) {
  const members = useRemote(() => communityMembers(target.scopeId), `c:${target.scopeId}`)
  const paired = useRemote(() => pairedUnits(target.scopeId), `p:${target.scopeId}`)
  return (
    <View>
      <View className='members-page__head'>
        <Text className='members-page__title' data-testid='members-title'>社区党员</Text>
        <Text className='members-page__scope'>{members.data?.community.name ?? target.scopeName ?? ''}</Text>
        {members.data && (
          <Text className='members-page__counts' data-testid='members-counts'>
            已报到 {members.data.total} 人
          </Text>
        )}
        <ExportButton list='communityMembers' run={() => exportList('communityMembers', { communityId: target.scopeId, state: 'registered' })} disabled={!members.data} />
      </View>
      <MemberSearch show='community' onSearch={(q) => searchMembers('community', target.scopeId, q)} />
      {members.data ? (
        <BuildingGroups items={members.data.items} buildings={members.data.buildings} />
      ) : (
        <LoadPanel error={members.error} onRetry={() => void members.reload()} />
      )}
      {paired.data ? <PairedUnitList units={paired.data.units} /> : paired.error && <LoadPanel error={paired.error} onRetry={() => void paired.reload()} />}
    </View>
  )
}

function UnitBoard({ target }: { target: ReviewTarget }) {
  const members = useRemote(() => unitMembers(target.scopeId), `u:${target.scopeId}`)
  const progress = useUnitProgress(target.scopeId)
  const counts = members.data?.counts
  return (
    <View>
      <View className='members-page__head'>
        <Text className='members-page__title' data-testid='members-title'>本单位党员</Text>
        <Text className='members-page__scope'>{members.data?.unit.name ?? target.scopeName ?? ''}</Text>
        {counts && (
          <Text className='members-page__counts' data-testid='members-counts'>
            共 {counts.total} 人 · 已报到 {counts.registered} 人 · 未报到 {counts.pending} 人
          </Text>
        )}
        <ExportButton list='unitMembers' run={() => exportList('unitMembers', { unitId: target.scopeId })} disabled={!members.data} />
      </View>
      {/* Progress against the county's yearly requirements; a failure here never hides the list. */}
      {progress.data ? <UnitProgressView progress={progress.data} /> : progress.error && <LoadPanel error={progress.error} onRetry={() => void progress.reload()} />}
      <MemberSearch show='unit' onSearch={(q) => searchMembers('unit', target.scopeId, q)} />
      {members.data ? (
        <View data-testid='unit-members'>
          {members.data.items.map((row) => (
            <MemberItem key={row.id} row={row} show='unit' />
          ))}
        </View>
      ) : (
        <LoadPanel error={members.error} onRetry={() => void members.reload()} />
      )}
    </View>
  )
}

/**
 * 支部党员: the registered members living in the branch's compound (小区), by building, phones
 * masked: the people the branch dispatches the compound's orders to.
 */
function BranchBoard({ compoundId, compoundName }: { compoundId: string; compoundName?: string }) {
  const members = useRemote(() => compoundMembers(compoundId), `b:${compoundId}`)
  return (
    <View>
      <View className='members-page__head'>
        <Text className='members-page__title' data-testid='members-title'>支部党员</Text>
        <Text className='members-page__scope'>{members.data ? `${members.data.community.name} ${members.data.compound.name}` : (compoundName ?? '')}</Text>
        {members.data && (
          <Text className='members-page__counts' data-testid='members-counts'>
            在本小区居住、已报到 {members.data.total} 人
          </Text>
        )}
        <ExportButton list='compoundMembers' run={() => exportList('compoundMembers', { compoundId })} disabled={!members.data} />
      </View>
      {members.data ? <BuildingGroups items={members.data.items} buildings={members.data.buildings} /> : <LoadPanel error={members.error} onRetry={() => void members.reload()} />}
    </View>
  )
}

/** 社区党员 (community admins), 本单位党员 (unit admins) and 支部党员 (a compound's branch): who has reported, by building or by state. */
export default function MembersPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const target = reviewTarget(params, who.data)
  // A branch admin acting as such (or a page opened for a compound) gets the compound's list.
  const branch = !target && who.data ? who.data.roles.find((r) => r.kind === 'branch_admin' && r.scopeId && (params.compoundId ? r.scopeId === params.compoundId : who.data!.activeRole === 'branch_admin')) : undefined

  let body
  if (target) body = target.scope === 'unit' ? <UnitBoard target={target} /> : <CommunityBoard target={target} />
  else if (branch) body = <BranchBoard compoundId={branch.scopeId!} compoundName={branch.scopeName} />
  else if (who.data)
    body = (
      <Text className='members-page__none' data-testid='members-no-scope'>
        只有单位、社区的管理员和小区党支部可以查看党员名单。请到「我的」切换为管理员身份。
      </Text>
    )
  else body = <LoadPanel error={who.error} onRetry={() => void who.reload()} />

  return (
    <Page className='page' data-testid='page-members' data-scope={target?.scope ?? (branch ? 'compound' : '')}>
      {body}
    </Page>
  )
}
