import { useMemo, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DESCRIPTION_MAX, ORDER_URGENCY_LABELS, SERVICE_CATEGORIES, type OrderUrgency, type ServiceCategory } from '@domain/orders'
import { HouseholdPicker } from '@/components/HouseholdPicker/HouseholdPicker'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { messageOf } from '@/services/ApiError'
import { SelectField } from '@/components/SelectField/SelectField'
import { textOf } from '@/components/WishIntake/textOf'
import { usePageParams } from '@/hooks/usePageParams'
import { useHousehold } from '@/hooks/useHouseholds'
import { useRemote } from '@/hooks/useRemote'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { replacePage } from '@/navigation'
import { linkNeed } from '@/services/households'
import { listItems, placeOrder } from '@/services/orders'
import { withSubscribe } from '@/services/subscribe'
import { options } from '@/services/registration'
import { newOrderId, timeChoices } from './times'
import './index.scss'

const OTHER = 'other'

function Chips<T extends string>({ options: opts, value, onChange, testId }: { options: ReadonlyArray<{ id: T; label: string }>; value: T; onChange: (v: T) => void; testId: string }) {
  return (
    <View className='order-form__chips' data-testid={testId}>
      {opts.map((o) => (
        <View key={o.id} className={`order-form__chip${o.id === value ? ' order-form__chip--on' : ''}`} data-testid='order-chip' data-value={o.id} data-selected={o.id === value ? 'true' : 'false'} onClick={() => onChange(o.id)}>
          {o.label}
        </View>
      ))}
    </View>
  )
}

/**
 * A need found on a visit (转为点单): the household (`householdId`, `buildingId`, `buildingName`,
 * `door`), the visit and need it came from (`visitId`, `need` = its index) and the need's words (`text`).
 */
export function needFromQuery(params: Record<string, string>) {
  if (!params.buildingId) return null
  const index = Number(params.need)
  return {
    householdId: params.householdId || null,
    buildingId: params.buildingId,
    label: `${params.buildingName ?? ''} ${params.door ?? ''}`.trim(),
    text: params.text ?? '',
    link: params.visitId && Number.isInteger(index) && index >= 0 ? { visitId: params.visitId, index } : null,
  }
}

/** 我要点单: pick a service of the community or 其他, say what is needed, where, when, how urgent. */
export default function OrderFormPage() {
  const params = usePageParams()
  const communityId = params.communityId || null
  const [need, setNeed] = useState(() => needFromQuery(params))
  const [picking, setPicking] = useState(false)
  const data = useRemote(async () => {
    const [items, opts] = await Promise.all([listItems(communityId!), options(communityId!)])
    return { items: items.items.filter((i) => i.active), buildings: opts.buildings, community: opts.communities.find((c) => c.id === communityId)?.name ?? '' }
  }, communityId)
  const [id] = useState(newOrderId)
  const choices = useMemo(() => timeChoices(new Date()), [])
  const [itemId, setItemId] = useState<string>(params.itemId || OTHER)
  const [category, setCategory] = useState<ServiceCategory>('其他')
  const [description, setDescription] = useState(need?.text ?? '')
  const [buildingId, setBuildingId] = useState<string | undefined>(need?.buildingId)
  const [when, setWhen] = useState(choices[0].id)
  const [urgency, setUrgency] = useState<OrderUrgency>('normal')
  const [forName, setForName] = useState('')
  const [sending, setSending] = useState(false)
  const who = useWhoAmI()
  // Grid workers and building heads order for residents without a phone (order.placeFor).
  const forOthers = who.data?.activeRole === 'grid_worker' || who.data?.activeRole === 'building_head'
  // The household's residents to order for, read when the form opens on a household.
  const household = useHousehold(forOthers && need?.householdId ? need.householdId : null)
  const residents = household.data?.residents ?? []
  const [error, setError] = useState<{ code: string; message: string } | null>(null)

  const submit = async () => {
    if (!communityId || sending) return
    setSending(true)
    setError(null)
    try {
      // Inside the tap (WeChat's rule), before the request: the person may hear when a member takes
      // the order and when it is done (domain/notifications.ts orderPlace); the order goes in whatever they answer.
      const order = await withSubscribe('orderPlace', () =>
        placeOrder({
          id,
          communityId,
          ...(buildingId ? { buildingId } : {}),
          itemId: itemId === OTHER ? null : itemId,
          ...(itemId === OTHER ? { category } : {}),
          description: description.trim(),
          preferredAt: choices.find((c) => c.id === when)!.at,
          urgency,
          ...(forOthers && forName.trim() ? { forName: forName.trim() } : {}),
        }),
      )
      // The order's id is this form's own, so a second 提交 after a failed link answers the same
      // order and links again: the visit learns its order or the person sees why not.
      if (need?.link) await linkNeed(need.link.visitId, need.link.index, 'order', order.id)
      void Taro.showToast({ title: '已提交，社区会尽快处理', icon: 'success', duration: 1500 })
      replacePage('orderDetail', { id: order.id })
    } catch (e) {
      setError({ code: (e as { code?: string }).code ?? '', message: messageOf(e) })
    } finally {
      setSending(false)
    }
  }

  if (!communityId)
    return (
      <Page className='page' data-testid='page-order-new'>
        <Text className='order-form__none' data-testid='order-no-community'>
          请先在「服务」页选择您所在的社区。
        </Text>
      </Page>
    )
  return (
    <Page className='page order-form' data-testid='page-order-new' data-community={communityId}>
      {!data.data ? (
        <LoadPanel error={data.error} onRetry={() => void data.reload()} />
      ) : (
        <View>
          <Text className='order-form__community'>{data.data.community}</Text>
          <SelectField
            label='服务项目'
            placeholder='请选择'
            options={[...data.data.items.map((i) => ({ id: i.id, name: i.title, hint: i.category })), { id: OTHER, name: '其他', hint: '清单里没有的' }]}
            value={itemId}
            onChange={(v) => v && setItemId(v)}
            testId='order-item'
          />
          {itemId === OTHER && (
            <SelectField
              label='服务类别'
              placeholder='请选择'
              options={SERVICE_CATEGORIES.map((c) => ({ id: c, name: c }))}
              value={category}
              onChange={(v) => v && setCategory(v as ServiceCategory)}
              testId='order-category'
            />
          )}
          {need && (
            <View data-testid='order-household' data-building={need.buildingId} data-linked={need.link ? 'true' : 'false'}>
              <Text className='order-form__label'>住户</Text>
              <Text className='order-form__fixed'>{need.label}</Text>
            </View>
          )}
          {/* Ordering for a household of the grid: picked from the list, not typed again (not for a visit's need, whose household is fixed). */}
          {forOthers && !need?.link && !picking && (
            <View className='order-form__pick' data-testid='order-pick-household' onClick={() => setPicking(true)}>
              {need ? '换一户 ›' : '从住户名单选择住户 ›'}
            </View>
          )}
          {picking && (
            <HouseholdPicker
              onClose={() => setPicking(false)}
              onPick={(row) => {
                setNeed({ householdId: row.id, buildingId: row.buildingId, label: `${row.buildingName} ${row.door}`, text: '', link: null })
                setBuildingId(row.buildingId)
                setForName('')
                setPicking(false)
              }}
            />
          )}
          {forOthers && (
            <View>
              <Text className='order-form__label'>替哪位居民点单（不填则为自己）</Text>
              {residents.length > 0 && <Chips options={residents.map((r) => ({ id: r.name, label: r.name }))} value={forName.trim()} onChange={setForName} testId='order-resident' />}
              <Input className='order-form__input' data-testid='order-for-name' value={forName} maxlength={20} placeholder='居民姓名' onInput={(e) => setForName(textOf(e))} />
            </View>
          )}
          <Text className='order-form__label'>需要什么帮助</Text>
          <Textarea
            className='order-form__textarea'
            data-testid='order-description'
            value={description}
            maxlength={DESCRIPTION_MAX}
            placeholder='例如：厨房水管漏水，需要帮忙修一下'
            onInput={(e) => setDescription(textOf(e))}
          />
          {!need && (
            <SelectField
              label='楼栋'
              placeholder='请选择您住的楼栋（可不选）'
              options={data.data.buildings.map((b) => ({ id: b.id, name: b.name, group: b.compoundName }))}
              value={buildingId}
              onChange={setBuildingId}
              optional
              emptyText='这个社区还没有登记楼栋'
              testId='order-building'
            />
          )}
          <Text className='order-form__label'>希望什么时候</Text>
          <Chips options={choices.map((c) => ({ id: c.id, label: c.label }))} value={when} onChange={setWhen} testId='order-time' />
          <Text className='order-form__label'>紧急程度</Text>
          <Chips options={(['normal', 'urgent'] as const).map((u) => ({ id: u, label: ORDER_URGENCY_LABELS[u] }))} value={urgency} onChange={setUrgency} testId='order-urgency' />
          {error && (
            <Text className='order-form__error' data-testid='order-submit-error' data-code={error.code}>
              {error.message}
            </Text>
          )}
          <View className={`order-form__submit${sending ? ' order-form__submit--busy' : ''}`} hoverClass='order-form__submit--pressed' data-testid='order-submit' onClick={() => void submit()}>
            {sending ? '正在提交…' : '提交点单'}
          </View>
        </View>
      )}
    </Page>
  )
}
