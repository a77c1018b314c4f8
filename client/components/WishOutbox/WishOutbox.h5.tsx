import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { useRemote } from '@/hooks/useRemote'
import { ApiError } from '@/services/ApiError'
import { apiUrl, getChosenOpenid } from '@/services/localIdentity'
import { formatChinaTime } from '@/utils/time'
import './WishOutbox.scss'

export interface OutboxMessage {
  id: string
  sentAt: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}

/** GET /__local/outbox (server/emulator/PLATFORM.md): what subscribeMessage.send recorded, newest first. */
export async function listOutbox(touser: string | null): Promise<OutboxMessage[]> {
  const q = touser ? `?touser=${encodeURIComponent(touser)}&limit=100` : '?limit=100'
  try {
    const res = await fetch(apiUrl(`/__local/outbox${q}`))
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    const body = (await res.json()) as unknown
    return Array.isArray(body) ? (body as OutboxMessage[]) : []
  } catch {
    throw new ApiError('NETWORK.UNAVAILABLE', '无法读取本地消息记录，请确认本地服务已启动')
  }
}

/** 消息 (local only): the subscription messages the functions sent, for me or for everyone. */
export function WishOutbox() {
  const [all, setAll] = useState(false)
  const me = getChosenOpenid()
  const outbox = useRemote(() => listOutbox(all ? null : me), `${all}:${me ?? ''}`)
  return (
    <View className='wish-outbox' data-testid='outbox'>
      <View className='wish-outbox__tabs'>
        <View className={`wish-outbox__tab${!all ? ' wish-outbox__tab--on' : ''}`} data-testid='outbox-mine' onClick={() => setAll(false)}>
          发给我的
        </View>
        <View className={`wish-outbox__tab${all ? ' wish-outbox__tab--on' : ''}`} data-testid='outbox-all' onClick={() => setAll(true)}>
          全部
        </View>
        <View className='wish-outbox__tab' data-testid='outbox-reload' onClick={() => void outbox.reload()}>
          刷新
        </View>
      </View>
      {outbox.data ? (
        outbox.data.length ? (
          outbox.data.map((m) => (
            <View key={m.id} className='wish-outbox__item' data-testid='outbox-item' data-touser={m.touser}>
              <Text className='wish-outbox__time'>
                {formatChinaTime(m.sentAt)} · 发给 {m.touser}
              </Text>
              {Object.entries(m.data ?? {}).map(([k, v]) => (
                <Text key={k} className='wish-outbox__line'>
                  {v?.value}
                </Text>
              ))}
              {m.page && <Text className='wish-outbox__page'>{m.page}</Text>}
            </View>
          ))
        ) : (
          <Text className='wish-outbox__empty' data-testid='outbox-empty'>
            还没有消息
          </Text>
        )
      ) : (
        <LoadPanel error={outbox.error} onRetry={() => void outbox.reload()} />
      )}
    </View>
  )
}
