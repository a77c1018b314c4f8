import { useState } from 'react'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import type { WishDetail as Detail } from '@domain/api/wishes'
import { WISH_REASON_LABELS } from '@domain/wishes-labels'
import { formatChinaTime } from '@/utils/time'
import { confirmAction } from '@/components/OrgTree/confirm'
import { textOf } from '@/components/WishIntake/textOf'
import './WishDetail.scss'

/** What the buttons ask the page to do; the page calls the service and answers the new wish. */
export type WishAction =
  | { verb: 'light' | 'confirm' | 'publish' }
  | { verb: 'giveUp'; reason?: string }
  | { verb: 'reject' | 'takeDown' | 'revokeClaim' | 'disputeDelivery'; reason: string }
  | { verb: 'verify'; note: string }
  | { verb: 'deliver'; note?: string }
  | { verb: 'rate'; stars: number; thanks?: string }
  | { verb: 'edit' | 'resubmit'; patch: { title: string; details: string; estimatedValue: number } }

export interface WishDetailProps {
  wish: Detail
  onAction: (action: WishAction) => Promise<void>
  onPoster?: () => void
  /** The drawn share image (data URL or temp file) to preview, when there is one. */
  shareImage?: { url: string; ms: number } | null
  error?: string | null
  /** Asks before a step that cannot be taken back (没收到); Taro.showModal unless given. */
  confirm?: (title: string, content: string, confirmText: string) => Promise<boolean>
}

const REASON_VERBS = {
  reject: { title: '退回原因', button: '确认退回', placeholder: '请写明退回的原因（至少两个字）' },
  takeDown: { title: '下架原因', button: '确认下架', placeholder: '请写明下架的原因' },
  revokeClaim: { title: '撤销认领的原因', button: '确认撤销', placeholder: '会告知认领人' },
  giveUp: { title: '放弃的原因（可不填）', button: '确认放弃', placeholder: '例如：临时出差，无法送达' },
  verify: { title: '走访核实情况', button: '记录核实', placeholder: '例如：已入户，老人确需一台收音机' },
  deliver: { title: '送达说明（可不填）', button: '选择照片并送达', placeholder: '例如：已送到老人家中' },
  disputeDelivery: { title: '没收到的情况', button: '提交没收到', placeholder: '例如：东西没有送到家里（至少两个字）' },
} as const
type FormVerb = keyof typeof REASON_VERBS

function Button({ testId, children, onClick, kind = 'primary', disabled }: { testId: string; children: string; onClick: () => void; kind?: 'primary' | 'plain'; disabled?: boolean }) {
  return (
    <View
      className={`wish-detail__button wish-detail__button--${kind}${disabled ? ' wish-detail__button--busy' : ''}`}
      hoverClass='wish-detail__button--pressed'
      data-testid={testId}
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {children}
    </View>
  )
}

/** The wish page's body: what the caller may see of it and the steps they may take now. */
export function WishDetailView({ wish, onAction, onPoster, shareImage, error, confirm = confirmAction }: WishDetailProps) {
  const [form, setForm] = useState<FormVerb | null>(null)
  const [text, setText] = useState('')
  const [stars, setStars] = useState(5)
  const [thanks, setThanks] = useState('')
  const [busy, setBusy] = useState(false)
  const [editing, setEditing] = useState<'edit' | 'resubmit' | null>(null)
  const [draft, setDraft] = useState({ title: wish.title, details: wish.details, value: String(wish.estimatedValue) })
  const can = wish.can
  // The server sends `claimDeadline` only while the claim awaits delivery, and `reason` to those who may read it.
  const reasonLabel = WISH_REASON_LABELS[wish.state]

  const run = async (action: WishAction) => {
    setBusy(true)
    try {
      await onAction(action)
      setForm(null)
      setText('')
      setEditing(null)
    } finally {
      setBusy(false)
    }
  }

  const submitForm = () => {
    if (!form) return
    const t = text.trim()
    if (form === 'verify') return run({ verb: 'verify', note: t })
    if (form === 'giveUp') return run(t ? { verb: 'giveUp', reason: t } : { verb: 'giveUp' })
    if (form === 'deliver') return run(t ? { verb: 'deliver', note: t } : { verb: 'deliver' })
    if (form === 'disputeDelivery') return disputeDelivery(t)
    return run({ verb: form, reason: t })
  }

  // The wish goes back to the claimer, who is told: asked once more, naming what happens.
  const disputeDelivery = async (reason: string) => {
    if (!(await confirm('没收到', '确定没有收到吗？心愿将退回给点亮人重新送达，并告知点亮人。', '没收到'))) return
    await run({ verb: 'disputeDelivery', reason })
  }

  const open = (verb: FormVerb) => {
    setForm(verb)
    setText('')
  }

  return (
    <View className='wish-detail' data-testid='wish-detail' data-id={wish.id} data-state={wish.state} data-view={wish.view}>
      <View className='wish-detail__head'>
        <View className='wish-detail__row'>
          <Text className='wish-detail__category'>{wish.category}</Text>
          <Text className='wish-detail__state' data-testid='wish-state' data-state={wish.state}>
            {wish.stateLabel}
          </Text>
        </View>
        <Text className='wish-detail__title' data-testid='wish-title'>{wish.title}</Text>
        <Text className='wish-detail__meta' data-testid='wish-beneficiary'>{wish.beneficiary}</Text>
        <Text className='wish-detail__meta'>
          {wish.communityName} · 约{wish.estimatedValue}元
        </Text>
      </View>

      <View className='wish-detail__section'>
        <Text className='wish-detail__label'>心愿详情</Text>
        <Text className='wish-detail__text' data-testid='wish-details'>{wish.details}</Text>
      </View>

      {wish.private && (
        <View className='wish-detail__section wish-detail__section--private' data-testid='wish-private'>
          <Text className='wish-detail__label'>受助人信息（仅工作人员可见）</Text>
          <Text className='wish-detail__text'>
            {wish.private.beneficiary.name}
            {wish.private.beneficiary.phone ? ` · ${wish.private.beneficiary.phone}` : ''}
          </Text>
          <Text className='wish-detail__text'>
            {wish.private.beneficiary.buildingName}
            {wish.private.beneficiary.room ?? ''}
          </Text>
          <Text className='wish-detail__text'>录入：{wish.private.author.name}</Text>
          {wish.private.visit && (
            <Text className='wish-detail__text' data-testid='wish-visit'>
              走访：{wish.private.visit.note}（{wish.private.visit.byName}）
            </Text>
          )}
        </View>
      )}

      {wish.contact && (
        <View className='wish-detail__section' data-testid='wish-contact'>
          <Text className='wish-detail__label'>联系人（网格员）</Text>
          <Text className='wish-detail__text'>
            {wish.contact.name}
            {wish.contact.phone ? ` · ${wish.contact.phone}` : ''}
          </Text>
        </View>
      )}

      {wish.claim && (
        <View className='wish-detail__section' data-testid='wish-claim'>
          <Text className='wish-detail__label'>点亮人</Text>
          <Text className='wish-detail__text'>
            {wish.claim.mine ? '我' : wish.claim.name}（{wish.claim.kind === 'member' ? '在职党员' : '爱心市民'}） · {formatChinaTime(wish.claim.at)}
          </Text>
          {wish.claimDeadline && <Text className='wish-detail__hint'>请在 {formatChinaTime(wish.claimDeadline)} 前送达，否则将自动释放</Text>}
        </View>
      )}

      {wish.delivery && (
        <View className='wish-detail__section' data-testid='wish-delivery'>
          <Text className='wish-detail__label'>送达 · {formatChinaTime(wish.delivery.at)}</Text>
          {wish.delivery.note && <Text className='wish-detail__text'>{wish.delivery.note}</Text>}
          <View className='wish-detail__photos'>
            {wish.delivery.photos.map((p) => (
              <Image key={p} className='wish-detail__photo' src={p} mode='aspectFill' data-testid='wish-delivery-photo' nativeProps={{ alt: '送达照片' }} />
            ))}
          </View>
        </View>
      )}

      {wish.rating && (
        <View className='wish-detail__section' data-testid='wish-rating'>
          <Text className='wish-detail__label'>评价</Text>
          <Text className='wish-detail__stars'>{`${'★'.repeat(wish.rating.stars)}${'☆'.repeat(5 - wish.rating.stars)} ${wish.rating.stars} 星`}</Text>
          {wish.rating.thanks && <Text className='wish-detail__text'>{wish.rating.thanks}</Text>}
        </View>
      )}

      {wish.reason && reasonLabel && (
        <View className='wish-detail__section' data-testid='wish-reason'>
          <Text className='wish-detail__label'>{reasonLabel}</Text>
          <Text className='wish-detail__text'>{wish.reason}</Text>
        </View>
      )}

      {error && (
        <View className='wish-detail__error' data-testid='wish-error'>
          <Text>{error}</Text>
        </View>
      )}

      <View className='wish-detail__actions'>
        {can.light && (
          <Button testId='wish-light' disabled={busy} onClick={() => void run({ verb: 'light' })}>
            点亮这个心愿
          </Button>
        )}
        {can.deliver && !form && (
          <Button testId='wish-deliver' disabled={busy} onClick={() => open('deliver')}>
            标记已送达
          </Button>
        )}
        {can.confirm && (
          <Button testId='wish-confirm' disabled={busy} onClick={() => void run({ verb: 'confirm' })}>
            确认收到
          </Button>
        )}
        {can.disputeDelivery && !form && (
          <Button testId='wish-dispute' kind='plain' disabled={busy} onClick={() => open('disputeDelivery')}>
            没收到
          </Button>
        )}
        {can.verify && !form && (
          <Button testId='wish-verify' disabled={busy} onClick={() => open('verify')}>
            记录走访核实
          </Button>
        )}
        {can.publish && (
          <Button testId='wish-publish' disabled={busy} onClick={() => void run({ verb: 'publish' })}>
            发布到心愿墙
          </Button>
        )}
        {(can.edit || can.resubmit) && !editing && (
          <Button
            testId='wish-edit'
            kind='plain'
            disabled={busy}
            onClick={() => {
              setDraft({ title: wish.title, details: wish.details, value: String(wish.estimatedValue) })
              setEditing(can.resubmit ? 'resubmit' : 'edit')
            }}
          >
            {can.resubmit ? '修改后重新提交' : '修改内容'}
          </Button>
        )}
        {can.reject && !form && (
          <Button testId='wish-reject' kind='plain' disabled={busy} onClick={() => open('reject')}>
            退回
          </Button>
        )}
        {can.takeDown && !form && (
          <Button testId='wish-take-down' kind='plain' disabled={busy} onClick={() => open('takeDown')}>
            下架
          </Button>
        )}
        {can.revokeClaim && !form && (
          <Button testId='wish-revoke' kind='plain' disabled={busy} onClick={() => open('revokeClaim')}>
            撤销认领
          </Button>
        )}
        {can.giveUp && !form && (
          <Button testId='wish-give-up' kind='plain' disabled={busy} onClick={() => open('giveUp')}>
            放弃认领
          </Button>
        )}
      </View>

      {form && (
        <View className='wish-detail__form' data-testid='wish-form' data-verb={form}>
          <Text className='wish-detail__label'>{REASON_VERBS[form].title}</Text>
          <Textarea
            className='wish-detail__textarea'
            data-testid='wish-form-text'
            value={text}
            maxlength={200}
            placeholder={REASON_VERBS[form].placeholder}
            onInput={(e) => setText(textOf(e))}
          />
          <Button testId='wish-form-submit' disabled={busy} onClick={() => void submitForm()}>
            {REASON_VERBS[form].button}
          </Button>
          <Button testId='wish-form-cancel' kind='plain' onClick={() => setForm(null)}>
            取消
          </Button>
        </View>
      )}

      {editing && (
        <View className='wish-detail__form' data-testid='wish-edit-form' data-verb={editing}>
          <Text className='wish-detail__label'>心愿标题</Text>
          <Input className='wish-detail__input' data-testid='wish-edit-title' value={draft.title} maxlength={30} onInput={(e) => setDraft((d) => ({ ...d, title: e.detail.value }))} />
          <Text className='wish-detail__label wish-detail__label--gap'>心愿详情</Text>
          <Textarea className='wish-detail__textarea' data-testid='wish-edit-details' value={draft.details} maxlength={500} onInput={(e) => setDraft((d) => ({ ...d, details: textOf(e) }))} />
          <Text className='wish-detail__label wish-detail__label--gap'>预估价值（元）</Text>
          <Input className='wish-detail__input' data-testid='wish-edit-value' type='number' value={draft.value} onInput={(e) => setDraft((d) => ({ ...d, value: e.detail.value }))} />
          <Button
            testId='wish-edit-submit'
            disabled={busy}
            onClick={() =>
              void run({ verb: editing, patch: { title: draft.title.trim(), details: draft.details.trim(), estimatedValue: /^\d+$/.test(draft.value.trim()) ? Number(draft.value.trim()) : NaN } })
            }
          >
            {editing === 'resubmit' ? '重新提交' : '保存修改'}
          </Button>
          <Button testId='wish-edit-cancel' kind='plain' onClick={() => setEditing(null)}>
            取消
          </Button>
        </View>
      )}

      {can.rate && (
        <View className='wish-detail__form' data-testid='wish-rate-form'>
          <Text className='wish-detail__label'>给这次帮助打分</Text>
          <View className='wish-detail__star-row'>
            {[1, 2, 3, 4, 5].map((n) => (
              <View key={n} className={`wish-detail__star${n <= stars ? ' wish-detail__star--on' : ''}`} data-testid='wish-star' data-value={n} onClick={() => setStars(n)}>
                {n <= stars ? '★' : '☆'}
              </View>
            ))}
          </View>
          <Input className='wish-detail__input' data-testid='wish-thanks' value={thanks} maxlength={200} placeholder='说一句感谢的话（可不填）' onInput={(e) => setThanks(e.detail.value)} />
          <Button testId='wish-rate' disabled={busy} onClick={() => void run(thanks.trim() ? { verb: 'rate', stars, thanks: thanks.trim() } : { verb: 'rate', stars })}>
            提交评价
          </Button>
        </View>
      )}

      {wish.history.length > 0 && (
        <View className='wish-detail__section' data-testid='wish-history'>
          <Text className='wish-detail__label'>办理进度</Text>
          {wish.history.map((h, i) => (
            <View key={i} className='wish-detail__step' data-testid='wish-history-item' data-verb={h.verb}>
              <Text className='wish-detail__step-label'>{h.label}</Text>
              <Text className='wish-detail__step-meta'>
                {h.byName} · {formatChinaTime(h.at)}
                {h.reason ? ` · ${h.reason}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}

      <View className='wish-detail__section' data-testid='wish-share'>
        <Text className='wish-detail__label'>分享到群聊</Text>
        <Text className='wish-detail__hint'>点右上角「···」转发给群聊，卡片上只显示受助人的姓氏。</Text>
        {shareImage && <Image className='wish-detail__share-image' src={shareImage.url} mode='widthFix' data-testid='wish-share-image' data-draw-ms={Math.round(shareImage.ms)} nativeProps={{ alt: `分享卡片：${wish.title}` }} />}
        {onPoster && (
          <Button testId='wish-poster' kind='plain' onClick={onPoster}>
            生成海报
          </Button>
        )}
      </View>
    </View>
  )
}
