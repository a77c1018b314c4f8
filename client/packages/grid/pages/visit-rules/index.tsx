import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { VisitRules } from '@domain/api/households'
import { RESIDENT_TAG_LABELS, RESIDENT_TAGS, type ResidentTag } from '@domain/grid/households'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { textOf } from '@/components/WishIntake/textOf'
import { usePageParams } from '@/hooks/usePageParams'
import { useRemote } from '@/hooks/useRemote'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { messageOf } from '@/services/ApiError'
import { getVisitRules, setVisitRules } from '@/services/households'
import '../gridForm.scss'

/**
 * The rules as typed (days per tag; empty: no rule for that tag), checked like the function
 * checks them: whole days from 1 to 365. Throws the first problem's message.
 */
export function rulesFromText(text: Partial<Record<ResidentTag, string>>): VisitRules {
  const rules: VisitRules = {}
  for (const tag of RESIDENT_TAGS) {
    const t = (text[tag] ?? '').trim()
    if (!t) continue
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 365) throw new Error(`${RESIDENT_TAG_LABELS[tag]}：请填写1到365之间的整数天数，不需要定期走访就空着`)
    rules[tag] = Number(t)
  }
  return rules
}

const textOfRules = (rules: VisitRules) => Object.fromEntries(RESIDENT_TAGS.map((t) => [t, rules[t] ? String(rules[t]) : ''])) as Record<ResidentTag, string>

function RulesForm({ communityId, rules, canEdit }: { communityId: string; rules: VisitRules; canEdit: boolean }) {
  const [text, setText] = useState(() => textOfRules(rules))
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const save = async () => {
    if (sending) return
    setError(null)
    let next: VisitRules
    try {
      next = rulesFromText(text)
    } catch (e) {
      setError((e as Error).message)
      return
    }
    setSending(true)
    try {
      const saved = await setVisitRules(communityId, next)
      setText(textOfRules(saved.rules))
      void Taro.showToast({ title: '已保存，逾期按新周期计算', icon: 'none', duration: 2000 })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setSending(false)
    }
  }
  return (
    <View className='grid-form' data-testid='visit-rules' data-can-edit={String(canEdit)}>
      <Text className='grid-form__title'>走访周期</Text>
      <Text className='grid-form__hint'>有这些标签的住户多少天走访一次；一户有几个标签时按最短的算。空着表示不需要定期走访。</Text>
      {RESIDENT_TAGS.map((tag) => (
        <View key={tag} className='grid-form__row' data-testid='visit-rule' data-tag={tag}>
          <Text className='grid-form__row-label'>{RESIDENT_TAG_LABELS[tag]}</Text>
          {canEdit ? (
            <Input
              className='grid-form__input grid-form__days'
              data-testid='visit-rule-days'
              type='number'
              value={text[tag]}
              placeholder='不定期'
              aria-label={`${RESIDENT_TAG_LABELS[tag]}走访间隔天数`}
              onInput={(e) => setText((t) => ({ ...t, [tag]: textOf(e) }))}
            />
          ) : (
            <Text className='grid-form__row-label' data-testid='visit-rule-days'>
              {text[tag] ? `每${text[tag]}天` : '不定期'}
            </Text>
          )}
        </View>
      ))}
      {error && (
        <Text className='grid-form__error' data-testid='visit-rules-error'>
          {error}
        </Text>
      )}
      {canEdit && (
        <View className={`grid-form__submit${sending ? ' grid-form__submit--busy' : ''}`} hoverClass='grid-form__submit--pressed' data-testid='visit-rules-save' onClick={() => void save()}>
          {sending ? '正在保存…' : '保存'}
        </View>
      )}
    </View>
  )
}

/**
 * 走访周期: how often a household with each tag is visited, the community's setting. Everyone who
 * sees households reads it (it explains 逾期); the community's admins change it. `communityId`
 * (or `scopeId` from a home tile) names the community, else the admin's own.
 */
export default function VisitRulesPage() {
  const params = usePageParams()
  const who = useWhoAmI()
  const communityId = params.communityId || params.scopeId || who.data?.roles.find((r) => r.kind === 'community_admin' && r.scopeId)?.scopeId || null
  const rules = useRemote(() => getVisitRules(communityId!), communityId && who.data ? `${communityId}:${who.data.id}:${who.data.activeRole}` : null)
  return (
    <Page className='page' data-testid='page-visit-rules'>
      {rules.data && communityId ? (
        <RulesForm key={communityId} communityId={communityId} rules={rules.data.rules} canEdit={rules.data.canEdit} />
      ) : who.data && !communityId ? (
        <Text className='grid-form__hint' data-testid='visit-rules-no-community'>
          请从社区的住户名单进入。
        </Text>
      ) : (
        <LoadPanel error={rules.error ?? who.error} onRetry={() => void rules.reload()} />
      )}
    </Page>
  )
}
