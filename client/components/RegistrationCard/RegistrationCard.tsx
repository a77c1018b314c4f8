import { Image, Text, View } from '@tarojs/components'
import type { HistoryEntry, RegistrationCard as Card } from '@domain/api'
import { isLive, placeLabel, type RegistrationState, type RegistrationVerb } from '@domain/registration'
import { formatChinaTime } from '@/utils/time'
import { historyText } from './history'
import './RegistrationCard.scss'

export interface RegistrationCardProps {
  card: Card
  /** Shown when the card's `can` lists withdraw (the owner's, while it still counts). */
  onWithdraw?: () => void
  withdrawing?: boolean
  /** Shown when it no longer counts (撤回, 迁出): start again. */
  onRegisterAgain?: () => void
  /** 迁移: shown when `can` lists move (已报到). */
  onMove?: () => void
  /** 修改后重新提交: shown when `can` lists resubmit (已退回), in place of 重新报到. */
  onResubmit?: () => void
  /** The QR code as an image URL (drawn by the cloud function); until it comes, the payload in words. */
  qrSrc?: string | null
}

/** One step of a timeline: what, who, when, and why or where when there is one. */
function HistoryItems({ entries, testId }: { entries: HistoryEntry[]; testId: string }) {
  return (
    <>
      {entries.map((h, i) => (
        <View key={`${h.at}-${i}`} className='reg-card__event' data-testid={testId} data-verb={h.verb}>
          <View className='reg-card__dot' />
          <View className='reg-card__event-body'>
            <Text className='reg-card__event-what'>
              {historyText(h)}（{h.byName}）
            </Text>
            <Text className='reg-card__event-when'>{formatChinaTime(h.at)}</Text>
            {h.place && (
              <Text className='reg-card__event-place'>
                {h.verb === 'move' ? '迁往：' : '迁自：'}
                {placeLabel(h.place)}
              </Text>
            )}
            {h.reason && <Text className='reg-card__event-reason'>原因：{h.reason}</Text>}
          </View>
        </View>
      ))}
    </>
  )
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
export function RegistrationCard({ card, onWithdraw, withdrawing, onRegisterAgain, onMove, onResubmit, qrSrc }: RegistrationCardProps) {
  const live = isLive(card.state)
  // The buttons are what the function says this person may do now (availableVerbs).
  const can = (verb: RegistrationVerb) => card.can.includes(verb)
  const resubmits = can('resubmit') && !!onResubmit
  const previous = card.earlier[0]
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
        {previous && (
          <Text className='reg-card__moved-from' data-testid='card-moved-from'>
            迁移自 {placeLabel({ unitName: previous.unitName, communityName: previous.communityName, buildingName: previous.buildingName ?? undefined })}
          </Text>
        )}
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

      <View className='reg-card__section reg-card__section--qr'>
        <Text className='reg-card__section-title'>报到码</Text>
        {qrSrc ? (
          <Image className='reg-card__qr-image' src={qrSrc} mode='aspectFit' data-testid='card-qr-image' nativeProps={{ alt: '报到证二维码' }} />
        ) : (
          <View className='reg-card__qr-image reg-card__qr-image--waiting' data-testid='card-qr-waiting'>
            <Text className='reg-card__note'>二维码加载中…</Text>
          </View>
        )}
        <Text className='reg-card__qr' data-testid='card-qr' selectable>
          {card.qrPayload}
        </Text>
        <Text className='reg-card__note'>请向社区或单位出示此码，码中只有报到编号，没有个人信息</Text>
      </View>

      <View className='reg-card__section' data-testid='card-history'>
        <Text className='reg-card__section-title'>办理记录</Text>
        {card.history.length === 0 && <Text className='reg-card__note'>暂无记录</Text>}
        <HistoryItems entries={card.history} testId='card-history-item' />
      </View>

      {card.earlier.map((e) => (
        <View key={e.id} className='reg-card__section reg-card__section--earlier' data-testid='card-earlier' data-id={e.id}>
          <Text className='reg-card__section-title'>
            迁移前的报到：{placeLabel({ unitName: e.unitName, communityName: e.communityName, buildingName: e.buildingName ?? undefined })}
          </Text>
          <HistoryItems entries={e.history} testId='card-earlier-item' />
        </View>
      ))}

      {can('move') && onMove && (
        <View className='reg-card__button' hoverClass='reg-card__button--pressed' data-testid='card-move' onClick={onMove}>
          迁移（换社区或单位）
        </View>
      )}
      {resubmits && (
        <View className='reg-card__button' hoverClass='reg-card__button--pressed' data-testid='card-resubmit' onClick={onResubmit}>
          修改后重新提交
        </View>
      )}

      {can('withdraw') && onWithdraw && (
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
      {!live && onRegisterAgain && !resubmits && (
        <View className='reg-card__button' data-testid='card-register-again' onClick={onRegisterAgain}>
          重新报到
        </View>
      )}
    </View>
  )
}
