import { Text, View } from '@tarojs/components'
import { ORG_KIND_LABELS } from '@domain/org'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Breadcrumbs, NodeList } from '@/components/OrgTree/OrgTree'
import { GrantForm, HolderList, UnitAdminGrant } from '@/components/RoleGrant/RoleGrant'
import { Page } from '@/components/Page/Page'
import { adminScope } from '@/hooks/adminScope'
import { useOrgTree } from '@/hooks/useOrgTree'
import { useRoleHolders } from '@/hooks/useRoleHolders'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import '../tree/index.scss'

function RolesBoard({ rootId }: { rootId: string }) {
  const tree = useOrgTree(rootId)
  const currentId = tree.trail.length > 0 ? tree.trail[tree.trail.length - 1].id : rootId
  const data = tree.children.data?.parent.id === currentId ? tree.children.data : null
  const { holders, grant, revoke, search, searchUnit, grantUnitAdmin } = useRoleHolders(data ? currentId : null)
  const roles = holders.data?.node.id === currentId ? holders.data : null

  if (!data) return <LoadPanel error={tree.children.error} onRetry={() => void tree.children.reload()} />
  const node = data.parent
  return (
    <View>
      <Breadcrumbs trail={tree.trail} onPick={tree.goTo} />
      <View className='admin-page__head'>
        <Text className='admin-page__title' data-testid='org-current' data-id={node.id} data-kind={node.kind}>
          {node.name}
        </Text>
        <Text className='admin-page__sub'>{ORG_KIND_LABELS[node.kind]} · 身份和授权</Text>
      </View>
      <Text className='admin-page__section'>本级及下级的身份</Text>
      {roles ? <HolderList holders={roles.items} onRevoke={revoke} /> : <LoadPanel error={holders.error} onRetry={() => void holders.reload()} />}
      {roles && roles.grantable.length > 0 && <GrantForm key={node.id} nodeName={node.name} kinds={roles.grantable} onSearch={search} onGrant={grant} />}
      {roles && roles.grantableUnits.length > 0 && (
        <>
          <Text className='admin-page__section'>单位管理员</Text>
          <UnitAdminGrant units={roles.grantableUnits} onSearch={searchUnit} onGrant={grantUnitAdmin} />
        </>
      )}
      {data.children.length > 0 && (
        <>
          <Text className='admin-page__section'>到下级组织授权</Text>
          <NodeList nodes={data.children} onOpen={tree.open} emptyText='' />
        </>
      )}
    </View>
  )
}

/** 角色授权: at a node of the admin's part of the tree, who holds which role; grant and revoke. */
export default function RolesPage() {
  const who = useWhoAmI()
  const scope = adminScope(who.data)
  let body
  if (scope?.scopeId) body = <RolesBoard rootId={scope.scopeId} />
  else if (who.data)
    body = (
      <Text className='admin-page__none' data-testid='admin-no-scope'>
        只有县、街道或社区的管理员可以授予身份。请到「我的」切换为管理员身份。
      </Text>
    )
  else body = <LoadPanel error={who.error} onRetry={() => void who.reload()} />
  return (
    <Page className='page admin-page' data-testid='page-admin-roles'>
      {body}
    </Page>
  )
}
