import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import type { OrderDetail } from '@domain/api/orders'
import { ORDER_SUBSCRIBE_AT } from '@domain/notifications'
import { explainsState, type OrderVerb } from '@domain/orders'
import { OrderActions, type OrderAction } from '@/components/OrderActions/OrderActions'
import { OrderTimeline } from '@/components/OrderTimeline/OrderTimeline'
import { Page } from '@/components/Page/Page'
import { messageOf } from '@/services/ApiError'
import { usePageParams } from '@/hooks/usePageParams'
import { orderPickOptions, PickUnavailable, useOrderView } from '@/hooks/useOrders'
import * as orders from '@/services/orders'
import { openPage } from '@/navigation'
import { withSubscribe } from '@/services/subscribe'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

const DONE_TOAST: Record<OrderAction['verb'], string> = {
  accept: '已接单',
  decline: '已告知居民',
  resolve: '已办结',
  dispatch: '已派单',
  dispatchToUnit: '已派给单位',
  passToMember: '已转派',
  merge: '已合并',
  pool: '已放入领单池',
  recall: '已收回',
  acceptDispatch: '已接受派单',
  declineDispatch: '已婉拒',
  claim: '领单成功',
  start: '已开始服务',
  release: '已退回',
  finish: '已提交完成',
  confirm: '感谢您的评价',
  complain: '已提交投诉',
  cancel: '已取消',
}

/** The function's verb a button performs (dispatching to a member goes through the recommendations). */
const verbOf = (a: OrderAction): OrderVerb => (a.verb === 'dispatch' ? 'dispatchToMember' : a.verb)

/** The reason's heading, for the states a reason explains. */
const REASON_LABEL: Partial<Record<OrderDetail['state'], string>> = { declined: '不受理的原因', cancelled: '取消的原因', complained: '投诉的原因' }

function perform(order: OrderDetail, a: OrderAction) {
  const id = order.id
  switch (a.verb) {
    case 'accept':
      return orders.acceptOrder(id)
    case 'decline':
      return orders.declineOrder(id, a.reason)
    case 'resolve':
      return orders.resolveOrder(id, a.reason)
    case 'dispatch':
      return orders.dispatchToMember(id, order.state, a.memberId)
    case 'dispatchToUnit':
      return orders.dispatchToUnit(id, order.state, a.unitId)
    case 'passToMember':
      return orders.passToMember(id, a.memberId)
    case 'merge':
      return orders.mergeOrder(id, order.state, a.intoId)
    case 'pool':
      return orders.poolOrder(id, order.state, a.pool)
    case 'recall':
      return orders.recallOrder(id, order.state, a.reason)
    case 'acceptDispatch':
      return orders.acceptDispatch(id)
    case 'declineDispatch':
      return orders.declineDispatch(id, a.reason)
    case 'claim':
      return orders.claimOrder(id)
    case 'start':
      return orders.startOrder(id)
    case 'release':
      return orders.releaseOrder(id, a.reason)
    case 'finish':
      return orders.finishOrder(id, a.note, a.hours)
    case 'confirm':
      return orders.confirmOrder(id, a.stars, a.comment)
    case 'complain':
      return orders.complainOrder(id, a.reason)
    case 'cancel':
      return orders.cancelOrder(id, order.state, a.reason)
  }
}

function Head({ order }: { order: OrderDetail }) {
  return (
    <View className='order-page__head'>
      <View className='order-page__row'>
        <Text className='order-page__category'>
          {order.category}
          {order.urgency === 'urgent' ? ' · 紧急' : ''}
        </Text>
        <Text className='order-page__state' data-testid='order-state' data-state={order.state}>
          {order.stateLabel}
        </Text>
      </View>
      <Text className='order-page__description' data-testid='order-description-text'>
        {order.description}
      </Text>
      <Text className='order-page__meta'>
        {order.residentName} · {order.buildingName ?? order.communityName}
      </Text>
      <Text className='order-page__meta'>希望时间：{formatChinaTime(order.preferredAt)}</Text>
      {order.assigneeName && (
        <Text className='order-page__meta' data-testid='order-assignee'>
          服务党员：{order.assigneeName}
        </Text>
      )}
      {order.overdue && (
        <Text className='order-page__overdue' data-testid='order-overdue'>
          {order.overdue.label}
          {order.overdue.levelLabel ? `，已通知${order.overdue.levelLabel}` : ''}
        </Text>
      )}
    </View>
  )
}

/** One order: what was asked, its state, the caller's next steps and the whole timeline. */
export default function OrderDetailPage() {
  const params = usePageParams()
  const id = params.id || null
  const view = useOrderView(id)
  const [error, setError] = useState<string | null>(null)

  const onAction = async (a: OrderAction) => {
    if (!view.data) return
    setError(null)
    try {
      // The subscription panel opens first, inside the tap (WeChat's rule), for what this step may
      // later bring the person (domain/notifications.ts); whatever the answer, the step goes on.
      const moment = ORDER_SUBSCRIBE_AT[verbOf(a)]
      const order = view.data
      await (moment ? withSubscribe(moment, () => perform(order, a)) : perform(order, a))
      void Taro.showToast({ title: DONE_TOAST[a.verb], icon: 'success', duration: 1500 })
    } catch (e) {
      // Someone else was faster, or the order moved on: the reload shows it as it is now.
      setError(messageOf(e))
    }
    await view.reload()
  }

  const order = view.data
  return (
    <Page className='page order-page' data-testid='page-order-detail' data-id={id ?? ''}>
      {!id ? (
        <Text className='order-page__none' data-testid='order-no-id'>
          没有找到这个服务单，请从「服务」页打开。
        </Text>
      ) : view.data && order ? (
        <View data-testid='order-detail' data-state={order.state}>
          <Head order={order} />
          {order.reason && explainsState(order.state) && (
            <View className='order-page__section' data-testid='order-reason'>
              <Text className='order-page__label'>{REASON_LABEL[order.state]}</Text>
              <Text className='order-page__text'>{order.reason}</Text>
            </View>
          )}
          {order.mergedInto && (
            <View className='order-page__section' data-testid='order-merged-into' data-id={order.mergedInto} onClick={() => openPage('orderDetail', { id: order.mergedInto! })}>
              <Text className='order-page__label'>已并入另一个服务单</Text>
              <Text className='order-page__link'>查看被并入的服务单 ›</Text>
            </View>
          )}
          {order.report && (
            <View className='order-page__section' data-testid='order-report'>
              <Text className='order-page__label'>服务情况 · {order.report.hours}小时</Text>
              <Text className='order-page__text'>{order.report.note}</Text>
            </View>
          )}
          {order.rating && (
            <View className='order-page__section' data-testid='order-rating'>
              <Text className='order-page__label'>居民评价</Text>
              <Text className='order-page__stars' data-stars={order.rating.stars}>
                {`${'★'.repeat(order.rating.stars)}${'☆'.repeat(5 - order.rating.stars)} ${order.rating.stars} 星`}
              </Text>
              {order.rating.comment && <Text className='order-page__text'>{order.rating.comment}</Text>}
            </View>
          )}
          <OrderActions
            key={`${order.state}:${order.updatedAt}`}
            order={order}
            onAction={onAction}
            onRecommend={async () => {
              setError(null)
              try {
                return (await orders.recommend(order.id)).candidates
              } catch (e) {
                setError(messageOf(e))
                return []
              }
            }}
            onOptions={async (verb) => {
              setError(null)
              try {
                return await orderPickOptions(verb, view.data!)
              } catch (e) {
                setError(e instanceof PickUnavailable ? e.message : messageOf(e))
                throw e
              }
            }}
            error={error}
          />
          <OrderTimeline entries={order.timeline} />
        </View>
      ) : (
        <LoadPanel error={view.error} onRetry={() => void view.reload()} />
      )}
    </Page>
  )
}
