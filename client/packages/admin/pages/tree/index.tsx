import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CHILD_KIND, ORG_KIND_LABELS } from '@domain/org'
import { can, MAINTAIN_ACTION, type Target } from '@domain/permissions'
import type { RoleGrant } from '@domain/roles'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Breadcrumbs, NameForm, NodeList, PairingPanel } from '@/components/OrgTree/OrgTree'
import { Page } from '@/components/Page/Page'
import { adminScope } from '@/hooks/adminScope'
import { useOrgTree } from '@/hooks/useOrgTree'
import { usePairings } from '@/hooks/usePairings'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import './index.scss'

function Pairings({ communityId, communityName, mayPair }: { communityId: string; communityName: string; mayPair: boolean }) {
  const { paired, units, pair, unpair } = usePairings(communityId)
  if (!paired.data) return <LoadPanel error={paired.error} onRetry={() => void paired.reload()} />
  return (
    <PairingPanel
      communityName={communityName}
      paired={paired.data.units}
      units={units.data ?? []}
      onPair={mayPair ? pair : undefined}
      onUnpair={mayPair ? unpair : undefined}
    />
  )
}

function TreeBoard({ rootId, grants }: { rootId: string; grants: readonly RoleGrant[] }) {
  const tree = useOrgTree(rootId)
  const [adding, setAdding] = useState(false)
  const currentId = tree.trail.length > 0 ? tree.trail[tree.trail.length - 1].id : rootId
  // While the next level loads, the previous answer is still held: show it only for its own node.
  const data = tree.children.data?.parent.id === currentId ? tree.children.data : null
  useEffect(() => setAdding(false), [currentId])

  if (!data) return <LoadPanel error={tree.children.error} onRetry={() => void tree.children.reload()} />
  const node = data.parent
  const target: Target = { kind: 'org', lineage: tree.lineage }
  const childKind = CHILD_KIND[node.kind]
  const maintain = childKind ? MAINTAIN_ACTION[childKind] : null
  const mayMaintain = !!maintain && can(grants, maintain, target)
  const childLabel = childKind ? ORG_KIND_LABELS[childKind] : ''

  return (
    <View>
      <Breadcrumbs trail={tree.trail} onPick={tree.goTo} />
      <View className='admin-page__head'>
        <Text className='admin-page__title' data-testid='org-current' data-id={node.id} data-kind={node.kind}>
          {node.name}
        </Text>
        <Text className='admin-page__sub'>
          {ORG_KIND_LABELS[node.kind]}
          {childKind ? ` · 下设${data.children.length}个${childLabel}` : ''}
        </Text>
      </View>
      {childKind && <Text className='admin-page__section'>下级{childLabel}</Text>}
      <NodeList
        nodes={data.children}
        onOpen={tree.open}
        onRename={mayMaintain ? tree.rename : undefined}
        emptyText={childKind ? `还没有${childLabel}` : '楼栋是最下一级，没有下级组织'}
      />
      {mayMaintain &&
        (adding ? (
          <NameForm
            title={`在「${node.name}」下新增${childLabel}`}
            submitText='保存'
            placeholder={`${childLabel}名称`}
            testId='org-add-form'
            onSubmit={async (name) => {
              await tree.add(name)
              setAdding(false)
              void Taro.showToast({ title: `已新增${childLabel}`, icon: 'success' })
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <View className='admin-page__add' data-testid='org-add' onClick={() => setAdding(true)}>
            ＋ 新增{childLabel}
          </View>
        ))}
      {node.kind === 'community' && <Pairings communityId={node.id} communityName={node.name} mayPair={can(grants, 'org.pairUnit', target)} />}
    </View>
  )
}

/** 组织架构: county, street and community admins browse and maintain their part of the tree, and pairings. */
export default function TreePage() {
  const who = useWhoAmI()
  const scope = adminScope(who.data)
  let body
  if (scope?.scopeId && who.data) body = <TreeBoard rootId={scope.scopeId} grants={who.data.roles} />
  else if (who.data)
    body = (
      <Text className='admin-page__none' data-testid='admin-no-scope'>
        只有县、街道或社区的管理员可以维护组织架构。请到「我的」切换为管理员身份。
      </Text>
    )
  else body = <LoadPanel error={who.error} onRetry={() => void who.reload()} />
  return (
    <Page className='page admin-page' data-testid='page-admin-tree'>
      {body}
    </Page>
  )
}
