import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { BatchResult, PendingItem } from '@domain/api'
import type { RegistrationVerb } from '@domain/registration'
import { messageOf, toApiError } from '@/services/ApiError'
import { formatChinaTime } from '@/utils/time'
import './PendingReview.scss'

export interface PendingReviewProps {
  items: readonly PendingItem[]
  total: number
  /** Confirms the chosen registrations; answers which went through and why others did not. */
  onConfirm: (ids: string[]) => Promise<BatchResult>
  /** Sends one back with a reason; rejects with the ApiError to show. */
  onReject: (id: string, reason: string) => Promise<void>
  hasMore?: boolean
  loadingMore?: boolean
  onLoadMore?: () => void
}

interface Outcome {
  done: number
  failed: { id: string; name: string; message: string }[]
  error?: string
}

const CONFIRMS: readonly RegistrationVerb[] = ['confirmUnit', 'confirmCommunity']
const REJECTS: readonly RegistrationVerb[] = ['rejectUnit', 'rejectCommunity']
/** The row's buttons are what the function says the admin may do with it (`can`). */
const mayConfirm = (item: PendingItem) => item.can.some((v) => CONFIRMS.includes(v))
const mayReject = (item: PendingItem) => item.can.some((v) => REJECTS.includes(v))

/**
 * The admin's review list: tick people (or 全选), 批量确认, or 退回 one with a reason. Rows the
 * admin may only look at (a county admin: the unit or community decides) have no tick and no 退回.
 */
export function PendingReview({ items, total, onConfirm, onReject, hasMore, loadingMore, onLoadMore }: PendingReviewProps) {
  const [selected, setSelected] = useState<string[]>([])
  const [confirming, setConfirming] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [rejecting, setRejecting] = useState<{ id: string; reason: string; sending: boolean; error: string | null } | null>(null)

  const ids = items.filter(mayConfirm).map((i) => i.id)
  const chosen = selected.filter((id) => ids.includes(id))
  const allChosen = ids.length > 0 && chosen.length === ids.length
  const nameOf = (id: string) => items.find((i) => i.id === id)?.name ?? id

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]))
  const toggleAll = () => setSelected(allChosen ? [] : ids)

  const confirm = async () => {
    if (confirming) return
    if (chosen.length === 0) {
      void Taro.showToast({ title: '请先勾选要确认的人', icon: 'none' })
      return
    }
    setConfirming(true)
    setOutcome(null)
    const names = new Map(chosen.map((id) => [id, nameOf(id)]))
    try {
      const result = await onConfirm(chosen)
      setOutcome({
        done: result.done.length,
        failed: result.failed.map((f) => ({ id: f.id, name: names.get(f.id) ?? f.id, message: f.message })),
      })
      setSelected([])
      void Taro.showToast({ title: `已确认 ${result.done.length} 人`, icon: result.failed.length ? 'none' : 'success' })
    } catch (e) {
      const message = toApiError(e).message
      setOutcome({ done: 0, failed: [], error: message })
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
    } finally {
      setConfirming(false)
    }
  }

  const sendReject = async () => {
    if (!rejecting || rejecting.sending) return
    const { id, reason } = rejecting
    setRejecting({ ...rejecting, sending: true, error: null })
    try {
      await onReject(id, reason)
      setRejecting(null)
      setSelected((s) => s.filter((x) => x !== id))
      void Taro.showToast({ title: `已退回${nameOf(id)}的报到`, icon: 'none' })
    } catch (e) {
      setRejecting({ id, reason, sending: false, error: messageOf(e) })
    }
  }

  return (
    <View className='pending' data-testid='pending-review'>
      {items.length > 0 && ids.length === 0 && (
        <Text className='pending__total' data-testid='pending-view-only'>
          这些报到由单位或社区管理员确认，您可以查看
        </Text>
      )}

      {ids.length > 0 && (
        <View className='pending__toolbar'>
          <View className='pending__all' data-testid='pending-select-all' data-selected={allChosen ? 'true' : 'false'} onClick={toggleAll}>
            <View className={`pending__box${allChosen ? ' pending__box--on' : ''}`}>{allChosen ? '✓' : ''}</View>
            <Text className='pending__all-text'>{allChosen ? '取消全选' : '全选'}</Text>
          </View>
          <Text className='pending__count' data-testid='pending-count'>
            已选 {chosen.length} 人
          </Text>
          <View
            className={`pending__confirm${chosen.length === 0 || confirming ? ' pending__confirm--idle' : ''}`}
            data-testid='pending-confirm'
            onClick={() => void confirm()}
          >
            {confirming ? '正在确认…' : '批量确认'}
          </View>
        </View>
      )}

      {outcome && (
        <View className='pending__outcome' data-testid='pending-outcome'>
          {outcome.error ? (
            <Text className='pending__outcome-error' data-testid='pending-outcome-error'>
              {outcome.error}
            </Text>
          ) : (
            <Text className='pending__outcome-done' data-testid='pending-outcome-done'>
              已确认 {outcome.done} 人{outcome.failed.length ? `，${outcome.failed.length} 人未成功：` : ''}
            </Text>
          )}
          {outcome.failed.map((f) => (
            <Text key={f.id} className='pending__outcome-error' data-testid='pending-outcome-failure' data-id={f.id}>
              {f.name}：{f.message}
            </Text>
          ))}
        </View>
      )}

      <Text className='pending__total' data-testid='pending-total'>
        共 {total} 条待审核
      </Text>

      {items.length === 0 && (
        <View className='pending__empty' data-testid='pending-empty'>
          <Text className='pending__empty-text'>暂无待审核的报到</Text>
        </View>
      )}

      {items.map((item) => {
        const on = chosen.includes(item.id)
        const confirmable = mayConfirm(item)
        const isRejecting = rejecting?.id === item.id
        return (
          <View
            key={item.id}
            className={`pending__item${on ? ' pending__item--on' : ''}`}
            data-testid='pending-item'
            data-id={item.id}
            data-selected={on ? 'true' : 'false'}
          >
            <View className='pending__select' data-testid='pending-select' onClick={() => confirmable && toggle(item.id)}>
              {confirmable && <View className={`pending__box${on ? ' pending__box--on' : ''}`}>{on ? '✓' : ''}</View>}
              <View className='pending__main'>
                <Text className='pending__name'>{item.name}</Text>
                <Text className='pending__line' data-testid='pending-phone'>
                  手机：{item.phone}
                </Text>
                <Text className='pending__line'>
                  {item.unitName} · {item.communityName}
                  {item.buildingName ? ` · ${item.buildingName}` : ''}
                </Text>
                {item.skills.length > 0 && <Text className='pending__line'>特长：{item.skills.join('、')}</Text>}
                <Text className='pending__time'>提交于 {formatChinaTime(item.createdAt)}</Text>
              </View>
            </View>

            {isRejecting ? (
              <View className='pending__reject' data-testid='pending-reject-form'>
                <Input
                  className='pending__reason'
                  data-testid='pending-reject-reason'
                  placeholder='请写明退回原因（至少两个字）'
                  maxlength={200}
                  value={rejecting.reason}
                  onInput={(e) => setRejecting({ ...rejecting, reason: e.detail.value, error: null })}
                />
                {rejecting.error && (
                  <Text className='pending__reject-error' data-testid='pending-reject-error'>
                    {rejecting.error}
                  </Text>
                )}
                <View className='pending__actions'>
                  <View className='pending__button pending__button--plain' data-testid='pending-reject-cancel' onClick={() => setRejecting(null)}>
                    取消
                  </View>
                  <View className='pending__button' data-testid='pending-reject-submit' onClick={() => void sendReject()}>
                    {rejecting.sending ? '正在退回…' : '确认退回'}
                  </View>
                </View>
              </View>
            ) : mayReject(item) ? (
              <View className='pending__actions'>
                <View
                  className='pending__button pending__button--plain'
                  data-testid='pending-reject-open'
                  onClick={() => setRejecting({ id: item.id, reason: '', sending: false, error: null })}
                >
                  退回
                </View>
              </View>
            ) : null}
          </View>
        )
      })}

      {hasMore && onLoadMore && (
        <View className='pending__more' data-testid='pending-more' onClick={() => !loadingMore && onLoadMore()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </View>
      )}
    </View>
  )
}
