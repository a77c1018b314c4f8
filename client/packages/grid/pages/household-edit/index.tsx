import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HouseholdDetail, ResidentTag } from '@domain/api/households'
import { checkDoor, checkResidents, RESIDENT_TAG_LABELS, RESIDENT_TAGS, tagFromLabel } from '@domain/grid/households'
import { ChoiceTags } from '@/components/ChoiceTags/ChoiceTags'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { SelectField } from '@/components/SelectField/SelectField'
import { textOf } from '@/components/WishIntake/textOf'
import { useHousehold, useHouseholdPlaces } from '@/hooks/useHouseholds'
import { usePageParams } from '@/hooks/usePageParams'
import { replacePage } from '@/navigation'
import { messageOf } from '@/services/ApiError'
import { createHousehold, updateHousehold } from '@/services/households'
import '../gridForm.scss'

/** One resident as typed: numbers stay text until sent, so a half-typed year is not lost. */
export interface ResidentDraft {
  /** Kept from the household, so an edit keeps each resident's id. */
  id?: string
  name: string
  phone: string
  birthYear: string
  note: string
  tags: ResidentTag[]
}

const blank = (): ResidentDraft => ({ name: '', phone: '', birthYear: '', note: '', tags: [] })

const draftsOf = (h: HouseholdDetail): ResidentDraft[] =>
  h.residents.map((r) => ({ id: r.id, name: r.name, phone: r.phone ?? '', birthYear: r.birthYear ? String(r.birthYear) : '', note: r.note, tags: [...r.tags] }))

/**
 * The residents as the function takes them, checked with the domain's own rules first (the door,
 * at least one resident, mobiles only, no phone in a note), so a mistake is fixed here at once.
 * Throws the first problem's message.
 */
export function residentsToSend(drafts: readonly ResidentDraft[]) {
  const residents = drafts
    .filter((d) => d.name.trim() || d.phone.trim() || d.note.trim() || d.tags.length)
    .map((d) => {
      if (!d.name.trim()) throw new Error('请填写每位居民的姓名')
      const year = d.birthYear.trim()
      if (year && !/^(19|20)\d\d$/.test(year)) throw new Error('出生年份不正确，例如：1946')
      return {
        ...(d.id ? { id: d.id } : {}),
        name: d.name.trim(),
        tags: RESIDENT_TAGS.filter((t) => d.tags.includes(t)),
        phone: d.phone.trim() || null,
        birthYear: year ? Number(year) : null,
        note: d.note.trim(),
      }
    })
  checkResidents(residents)
  return residents
}

function ResidentFields({ draft, index, onChange, onRemove }: { draft: ResidentDraft; index: number; onChange: (d: ResidentDraft) => void; onRemove?: () => void }) {
  const field = (key: 'name' | 'phone' | 'birthYear' | 'note', label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className='grid-form__field'>
      <Text className='grid-form__label'>{label}</Text>
      <Input className='grid-form__input' data-testid={`resident-${key}`} type={type} value={draft[key]} placeholder={placeholder} onInput={(e) => onChange({ ...draft, [key]: textOf(e) })} />
    </View>
  )
  return (
    <View className='grid-form__block' data-testid='resident-block' data-index={index}>
      {field('name', `居民${index + 1} 姓名`, '例如：王秀英')}
      {field('phone', '手机号（可不填）', '仅网格员和社区可见')}
      {field('birthYear', '出生年份（可不填）', '例如：1946', 'number')}
      <View className='grid-form__field'>
        <Text className='grid-form__label'>标签（可多选）</Text>
        <ChoiceTags
          options={RESIDENT_TAGS.map((t) => RESIDENT_TAG_LABELS[t])}
          selected={draft.tags.map((t) => RESIDENT_TAG_LABELS[t])}
          onChange={(labels) => onChange({ ...draft, tags: labels.map(tagFromLabel).filter((t): t is ResidentTag => !!t) })}
          testId='resident-tags'
        />
      </View>
      {field('note', '备注（可不填，不写电话）', '例如：女儿每周来一次')}
      {onRemove && (
        <View className='grid-form__remove' data-testid='resident-remove' onClick={onRemove}>
          删除这位居民
        </View>
      )}
    </View>
  )
}

function HouseholdForm({ household, placeId }: { household: HouseholdDetail | null; placeId?: string }) {
  const places = useHouseholdPlaces()
  const buildings = (places.data?.places ?? []).filter((p) => p.kind === 'building')
  const [buildingId, setBuildingId] = useState<string | undefined>(household?.buildingId ?? placeId)
  const [door, setDoor] = useState(household?.door ?? '')
  const [drafts, setDrafts] = useState<ResidentDraft[]>(() => (household ? draftsOf(household) : [blank()]))
  const [error, setError] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [sending, setSending] = useState(false)

  const save = async () => {
    if (sending) return
    setError(null)
    setCode('')
    let residents: ReturnType<typeof residentsToSend>
    let checkedDoor = door
    try {
      if (!household) {
        if (!buildingId) throw new Error('请选择一栋楼')
        checkedDoor = checkDoor(door)
      }
      residents = residentsToSend(drafts)
    } catch (e) {
      setError((e as Error).message)
      return
    }
    setSending(true)
    try {
      if (household) {
        await updateHousehold(household.id, residents)
        void Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 })
        // Back to the household's page, which reads itself again on show; opened directly, to it.
        if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
        else replacePage('household', { id: household.id })
      } else {
        const created = await createHousehold({ buildingId: buildingId!, door: checkedDoor, residents })
        void Taro.showToast({ title: '已登记', icon: 'success', duration: 1500 })
        replacePage('household', { id: created.id })
      }
    } catch (e) {
      setCode((e as { code?: string }).code ?? '')
      setError(messageOf(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='grid-form' data-testid='household-form' data-mode={household ? 'edit' : 'new'}>
      <Text className='grid-form__title'>{household ? '修改住户信息' : '新增住户'}</Text>
      {household ? (
        <View className='grid-form__field' data-testid='household-form-door'>
          <Text className='grid-form__label'>住户</Text>
          <Text className='grid-form__fixed'>
            {household.buildingName} {household.door}
          </Text>
        </View>
      ) : (
        <View>
          {places.data ? (
            <SelectField label='楼栋' placeholder='请选择楼栋' options={buildings.map((b) => ({ id: b.id, name: b.name, group: b.parentName ?? undefined }))} value={buildingId} onChange={setBuildingId} testId='household-form-building' emptyText='您负责的范围里还没有楼栋' />
          ) : (
            <LoadPanel error={places.error} onRetry={() => void places.reload()} />
          )}
          <View className='grid-form__field'>
            <Text className='grid-form__label'>门牌号</Text>
            <Input className='grid-form__input' data-testid='household-form-door' value={door} maxlength={20} placeholder='例如：1单元102' onInput={(e) => setDoor(textOf(e))} />
          </View>
        </View>
      )}
      {drafts.map((d, i) => (
        <ResidentFields
          key={d.id ?? `new-${i}`}
          draft={d}
          index={i}
          onChange={(next) => setDrafts((list) => list.map((x, j) => (j === i ? next : x)))}
          onRemove={drafts.length > 1 ? () => setDrafts((list) => list.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      {drafts.length < 20 && (
        <View className='grid-form__add' data-testid='resident-add' onClick={() => setDrafts((list) => [...list, blank()])}>
          ＋ 再添一位居民
        </View>
      )}
      {error && (
        <Text className='grid-form__error' data-testid='household-form-error' data-code={code}>
          {error}
        </Text>
      )}
      <View className={`grid-form__submit${sending ? ' grid-form__submit--busy' : ''}`} hoverClass='grid-form__submit--pressed' data-testid='household-form-save' onClick={() => void save()}>
        {sending ? '正在保存…' : '保存'}
      </View>
    </View>
  )
}

/**
 * 新增住户 / 修改住户信息: a door of a building with its residents (name, mobile, birth year, the
 * tags the work needs, a note). `id`: edit that household (its door stays; the residents are
 * replaced, each keeping its id); without: a new household, `placeId` preselecting a building.
 */
export default function HouseholdEditPage() {
  const params = usePageParams()
  const existing = useHousehold(params.id || null)
  return (
    <Page className='page' data-testid='page-household-edit'>
      {params.id && !existing.data ? <LoadPanel error={existing.error} onRetry={() => void existing.reload()} /> : <HouseholdForm household={existing.data ?? null} placeId={params.placeId} />}
    </Page>
  )
}
