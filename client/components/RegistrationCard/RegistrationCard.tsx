import { Text, View } from '@tarojs/components'
import type { RegistrationCard as Card } from '@domain/api'
import { isLive, type RegistrationState } from '@domain/registration'
import { formatChinaTime } from '@/utils/time'
import { historyLabel } from './history'
import './RegistrationCard.scss'

export interface RegistrationCardProps {
  card: Card
  /** Shown while the registration still counts (待确认 or 已报到). */
  onWithdraw?: () => void
  withdrawing?: boolean
  /** Shown when it no longer counts (退回, 撤回, 迁出): start again. */
  onRegisterAgain?: () => void
}

const TONE: Record<RegistrationState, string> = {
  pending_unit: 'waiting',
  pending_community: 'waiting',
  registered: 'done',
  rejected: 'stopped',
  moved: 'closed',
  withdrawn: 'closed',
}

/** 报到证: who, where, what they can do, the state as a big badge, what is still missing, history. */
export function RegistrationCard({ card, onWithdraw, withdrawing, onRegisterAgain }: RegistrationCardProps) {
  const live = isLive(card.state)
  const rows: [string, string, string][] = [
    ['手机', card.phoneMasked, 'card-phone'],
    ['工作单位', card.unit.name, 'card-unit'],
    ['居住社区', card.community.name, 'card-community'],
    ['楼栋', card.building?.name ?? '未填写', 'card-building'],
    ['特长', [...card.skills, ...(card.skillNote ? [card.skillNote] : [])].join('、') || '未填写', 'card-skills'],
    ['空闲时间', card.freeTime.join('、') || '未填写', 'card-free-time'],
  ]

  return (
    <View className='reg-card' data-testid='reg-card' data-state={card.state}>
      <View className='reg-card__head'>
        <Text className='reg-card__title'>报到证</Text>
        <Text className='reg-card__name' data-testid='card-name'>
          {card.name}
        </Text>
        <View className={`reg-card__badge reg-card__badge--${TONE[card.state]}`} data-testid='card-state' data-state={card.state}>
          {card.stateLabel}
        </View>
      </View>

      {card.reason && (
        <View className='reg-card__reason' data-testid='card-reason'>
          <Text className='reg-card__reason-title'>退回原因</Text>
          <Text className='reg-card__reason-text'>{card.reason}</Text>
        </View>
      )}

      {card.missing.length > 0 && (
        <View className='reg-card__section' data-testid='card-missing'>
          <Text className='reg-card__section-title'>还需要：</Text>
          {card.missing.map((m) => (
            <Text key={m} className='reg-card__missing' data-testid='card-missing-item'>
              · {m}
            </Text>
          ))}
        </View>
      )}

      <View className='reg-card__section'>
        {rows.map(([label, value, testId]) => (
          <View key={label} className='reg-card__row'>
            <Text className='reg-card__row-label'>{label}</Text>
            <Text className='reg-card__row-value' data-testid={testId}>
              {value}
            </Text>
          </View>
        ))}
      </View>

      <View className='reg-card__section'>
        <Text className='reg-card__section-title'>报到码</Text>
        <Text className='reg-card__qr' data-testid='card-qr' selectable>
          {card.qrPayload}
        </Text>
        <Text className='reg-card__note'>请向社区或单位出示此码（二维码图片即将提供）</Text>
      </View>

      <View className='reg-card__section' data-testid='card-history'>
        <Text className='reg-card__section-title'>办理记录</Text>
        {card.history.length === 0 && <Text className='reg-card__note'>暂无记录</Text>}
        {card.history.map((h, i) => (
          <View key={`${h.at}-${i}`} className='reg-card__event' data-testid='card-history-item'>
            <View className='reg-card__dot' />
            <View className='reg-card__event-body'>
              <Text className='reg-card__event-what'>
                {historyLabel(h)}（{h.byName}）
              </Text>
              <Text className='reg-card__event-when'>{formatChinaTime(h.at)}</Text>
              {h.reason && <Text className='reg-card__event-reason'>原因：{h.reason}</Text>}
            </View>
          </View>
        ))}
      </View>

      {live && onWithdraw && (
        <View
          className={`reg-card__button reg-card__button--plain${withdrawing ? ' reg-card__button--busy' : ''}`}
          data-testid='card-withdraw'
          onClick={() => {
            if (!withdrawing) onWithdraw()
          }}
        >
          {withdrawing ? '正在撤回…' : '撤回报到'}
        </View>
      )}
      {!live && onRegisterAgain && (
        <View className='reg-card__button' data-testid='card-register-again' onClick={onRegisterAgain}>
          重新报到
        </View>
      )}
    </View>
  )
}
