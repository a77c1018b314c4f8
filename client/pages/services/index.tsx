import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { awaitsUnit, ORDER_STATE_LABELS, type OrderState } from '@domain/orders-labels'
import { LinkRow } from '@/components/LinkRow/LinkRow'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { OrderList } from '@/components/OrderCard/OrderCard'
import { OrderServiceItems } from '@/components/OrderServiceItems/OrderServiceItems'
import { Page } from '@/components/Page/Page'
import { messageOf } from '@/services/ApiError'
import { SelectField } from '@/components/SelectField/SelectField'
import { ExportButton } from '@/components/ExportButton/ExportButton'
import { exportOrders } from '@/services/exportOrders'
import { servicesViewOf, useAssignedOrders, useMyOrders, useOrderCommunity, useOrderQueue, usePoolOrders, useQueueCommunity, useServiceItems, useUnitOrderQueue } from '@/hooks/useOrders'
import type { Remote } from '@/hooks/useRemote'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import { joinItem } from '@/services/orders'
import './index.scss'

const openOrder = (id: string) => openPage('orderDetail', { id })

/** Lists on a tab page stay mounted: ask again whenever the tab comes back (after an order or a step). */
function useReloadOnShow(...remotes: Pick<Remote<unknown>, 'data' | 'error' | 'reload'>[]) {
  useDidShow(() => {
    for (const r of remotes) if (r.data || r.error) void r.reload()
  })
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <View className='services-page__section' data-testid={testId}>
      <Text className='services-page__title'>{title}</Text>
      {children}
    </View>
  )
}

/** 我要点单 and 我的服务单: a resident (or anyone without a work role) asks for help and follows it. */
function ResidentView({ whoId }: { whoId: string }) {
  const community = useOrderCommunity()
  const items = useServiceItems(community.id)
  const mine = useMyOrders(whoId)
  useReloadOnShow(mine, items)
  const order = (itemId: string) => community.id && openPage('orderNew', { communityId: community.id, itemId })
  return (
    <View>
      <Section title='我要点单' testId='services-order'>
        <View className='services-page__field'>
          <SelectField
            label='所在社区'
            placeholder='请选择您住的社区'
            options={community.communities}
            value={community.id ?? undefined}
            onChange={(id) => id && community.choose(id)}
            testId='services-community'
          />
        </View>
        {items.data ? (
          <View className='services-page__items'>
            {items.data.items
              .filter((i) => i.active)
              .map((i) => (
                <View key={i.id} className='services-page__item' hoverClass='services-page__item--pressed' data-testid='service-item' data-id={i.id} onClick={() => order(i.id)}>
                  <Text className='services-page__item-title'>{i.title}</Text>
                  <Text className='services-page__item-hint'>{i.category}</Text>
                </View>
              ))}
            <View className='services-page__item' hoverClass='services-page__item--pressed' data-testid='service-item' data-id='other' onClick={() => order('other')}>
              <Text className='services-page__item-title'>其他</Text>
              <Text className='services-page__item-hint'>清单里没有的，说说需要什么帮助</Text>
            </View>
          </View>
        ) : (
          community.id && <LoadPanel error={items.error} onRetry={() => void items.reload()} />
        )}
      </Section>
      <Section title='我的服务单' testId='services-mine'>
        {mine.data ? (
          <OrderList items={mine.data.items} onOpen={openOrder} show='assignee' empty='还没有服务单，需要帮助时点上面的服务。' testId='mine-orders' />
        ) : (
          <LoadPanel error={mine.error} onRetry={() => void mine.reload()} />
        )}
      </Section>
    </View>
  )
}

/** A member: orders dispatched to or claimed by them, and the pool they may claim from. */
function MemberView({ whoId, communityId }: { whoId: string; communityId: string | null }) {
  const assigned = useAssignedOrders(whoId)
  const pool = usePoolOrders(whoId)
  const items = useServiceItems(communityId)
  useReloadOnShow(assigned, pool, items)
  return (
    <View>
      <Section title='我的服务任务' testId='services-assigned'>
        {assigned.data ? (
          <OrderList items={assigned.data.items} onOpen={openOrder} empty='暂时没有派给您的服务单。' testId='assigned-orders' />
        ) : (
          <LoadPanel error={assigned.error} onRetry={() => void assigned.reload()} />
        )}
      </Section>
      <Section title='可领的服务单' testId='services-pool'>
        {pool.data ? (
          <OrderList items={pool.data.items} onOpen={openOrder} empty='领单池里暂时没有适合您的服务单。' testId='pool-orders' />
        ) : (
          <LoadPanel error={pool.error} onRetry={() => void pool.reload()} />
        )}
      </Section>
      {communityId && (
        <Section title='服务清单（常设项目）' testId='services-items'>
          {items.data ? (
            <OrderServiceItems
              items={items.data.items}
              onJoin={async (id) => {
                try {
                  await joinItem(id)
                } catch (e) {
                  throw new Error(messageOf(e))
                } finally {
                  void items.reload()
                }
              }}
            />
          ) : (
            <LoadPanel error={items.error} onRetry={() => void items.reload()} />
          )}
        </Section>
      )}
    </View>
  )
}

const QUEUE_FILTERS: ReadonlyArray<{ id: OrderState | 'all' | 'overdue'; label: string }> = [
  { id: 'all', label: '全部' },
  { id: 'overdue', label: '超时' },
  ...(['ordered', 'accepted', 'dispatched_member', 'pooled', 'claimed', 'in_progress', 'done', 'complained'] as const).map((s) => ({ id: s, label: ORDER_STATE_LABELS[s] })),
]

/** A community admin keeps the community's service list and time limits (the pages check the permission again). */
function AdminLinks({ communityId }: { communityId: string }) {
  return (
    <View className='services-page__links' data-testid='services-admin-links'>
      <LinkRow title='服务清单' hint='新增、修改社区的服务项目' testId='services-edit-items' onClick={() => openPage('orderItems', { communityId })} />
      <LinkRow title='时限设置' hint='接单、派单、领单、完成的时限' testId='services-edit-settings' onClick={() => openPage('orderSettings', { communityId })} />
    </View>
  )
}

/** Community and branch admins: the open orders of their place, longest waiting first, late ones flagged. */
function AdminView({ communityAdmin }: { communityAdmin: boolean }) {
  const community = useQueueCommunity()
  const [filter, setFilter] = useState<OrderState | 'all' | 'overdue'>('all')
  const queue = useOrderQueue(community.data?.id ?? null, filter === 'all' || filter === 'overdue' ? undefined : filter)
  useReloadOnShow(queue)
  const items = queue.data ? (filter === 'overdue' ? queue.data.items.filter((o) => o.overdue) : queue.data.items) : null
  return (
    <View>
      {communityAdmin && community.data && <AdminLinks communityId={community.data.id} />}
      <Section title='服务单办理' testId='services-queue'>
        <View className='services-page__chips' data-testid='queue-filter'>
          {QUEUE_FILTERS.map((f) => (
            <View key={f.id} className={`services-page__chip${f.id === filter ? ' services-page__chip--on' : ''}`} data-testid='queue-chip' data-value={f.id} data-selected={f.id === filter ? 'true' : 'false'} onClick={() => setFilter(f.id)}>
              {f.label}
            </View>
          ))}
        </View>
        {queue.data && items ? (
          <View>
            <Text className='services-page__count' data-testid='queue-count'>
              共 {items.length} 单{filter === 'all' ? `，超时 ${items.filter((o) => o.overdue).length} 单` : ''}
            </Text>
            {community.data && (
              <ExportButton
                list='orders'
                run={() => exportOrders('orders', { communityId: community.data!.id, ...(filter === 'overdue' ? { overdueOnly: true } : filter === 'all' ? {} : { state: filter }) })}
              />
            )}
            <OrderList items={items} onOpen={openOrder} empty='没有需要办理的服务单。' testId='queue-orders' />
          </View>
        ) : community.data === null && !community.loading ? (
          <Text className='services-page__none' data-testid='queue-no-scope'>
            没有找到您负责的社区。
          </Text>
        ) : (
          <LoadPanel error={queue.error ?? community.error} onRetry={() => void (community.error ? community.reload() : queue.reload())} />
        )}
      </Section>
    </View>
  )
}

/** A unit admin: orders the community sent to their unit (to pass to one of its members), and those passed on still open. */
function UnitView({ whoId }: { whoId: string }) {
  const queue = useUnitOrderQueue(whoId)
  useReloadOnShow(queue)
  const items = queue.data?.items ?? null
  return (
    <View>
      <Section title='派给本单位的服务单' testId='services-unit'>
        {items ? (
          <View>
            <Text className='services-page__count' data-testid='unit-count'>
              待转派 {items.filter((o) => awaitsUnit(o.state)).length} 单，已转派未办结 {items.filter((o) => !awaitsUnit(o.state)).length} 单
              {items.some((o) => o.overdue) ? `，超时 ${items.filter((o) => o.overdue).length} 单` : ''}
            </Text>
            <ExportButton list='unitOrders' run={() => exportOrders('unitOrders', {})} />
            <OrderList items={items} onOpen={openOrder} empty='社区暂时没有派给本单位的服务单。' testId='unit-orders' />
          </View>
        ) : (
          <LoadPanel error={queue.error} onRetry={() => void queue.reload()} />
        )}
      </Section>
    </View>
  )
}

/** 服务 tab: what the active role does with service orders (点单 → 接单 → 派单 → 领单). */
export default function ServicesPage() {
  const who = useWhoAmI()
  const view = who.data ? servicesViewOf(who.data) : null
  return (
    <Page className='page services-page' data-testid='page-services' data-view={view ?? ''}>
      {!who.data ? (
        <LoadPanel error={who.error} onRetry={() => void who.reload()} />
      ) : view === 'admin' ? (
        <AdminView key={`${who.data.id}:${who.data.activeRole}`} communityAdmin={who.data.activeRole === 'community_admin'} />
      ) : view === 'unit' ? (
        <UnitView key={who.data.id} whoId={who.data.id} />
      ) : view === 'member' ? (
        <MemberView whoId={who.data.id} communityId={who.data.roles.find((r) => r.kind === 'member' && r.scopeId)?.scopeId ?? null} />
      ) : (
        <ResidentView whoId={who.data.id} />
      )}
    </Page>
  )
}
