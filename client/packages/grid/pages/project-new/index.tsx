import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProjectOwnerKind } from '@domain/api/proposals'
import { Page } from '@/components/Page/Page'
import { textOf } from '@/components/WishIntake/textOf'
import { usePageParams } from '@/hooks/usePageParams'
import { chinaYearNow } from '@/hooks/useProposals'
import { replacePage } from '@/navigation'
import { messageOf } from '@/services/ApiError'
import { createProject } from '@/services/proposals'
import '../gridForm.scss'

type Field = 'title' | 'description' | 'plannedCost' | 'beneficiaries'

/** The form's words as createProject takes them, with the schema's own limits said in Chinese first. */
export function projectInput(form: Record<Field, string>): { title: string; description: string; plannedCost: number; beneficiaries: number } | { field: Field; message: string } {
  const title = form.title.trim()
  if (title.length < 2) return { field: 'title', message: '项目名称至少2个字' }
  if (title.length > 30) return { field: 'title', message: '项目名称不能超过30个字' }
  const description = form.description.trim()
  if (description.length > 300) return { field: 'description', message: '说明不能超过300个字' }
  const cost = form.plannedCost.trim()
  if (!/^\d+$/.test(cost) || Number(cost) > 10_000_000) return { field: 'plannedCost', message: '计划费用请填写整数元（0到1000万）' }
  const people = form.beneficiaries.trim()
  if (!/^\d+$/.test(people) || Number(people) > 1_000_000) return { field: 'beneficiaries', message: '受益人数请填写整数' }
  return { title, description, plannedCost: Number(cost), beneficiaries: Number(people) }
}

/**
 * 新增微实事: a small project entered by hand (not from an adopted 微提案) by whoever keeps the
 * list: the community, or a unit for its paired community. The projects page passes the owner,
 * the community and the year it shows.
 */
export default function ProjectNewPage() {
  const params = usePageParams()
  const ownerKind = (params.ownerKind === 'unit' ? 'unit' : 'community') as ProjectOwnerKind
  const ownerId = params.ownerId || ''
  const communityId = params.communityId || (ownerKind === 'community' ? ownerId : '')
  const year = Number(params.year) || chinaYearNow()
  const [form, setForm] = useState<Record<Field, string>>({ title: '', description: '', plannedCost: '', beneficiaries: '' })
  const [error, setError] = useState<{ field?: Field; message: string; code?: string } | null>(null)
  const [sending, setSending] = useState(false)

  const save = async () => {
    if (sending) return
    const input = projectInput(form)
    if ('field' in input) {
      setError(input)
      return
    }
    setError(null)
    setSending(true)
    try {
      await createProject({ owner: { kind: ownerKind, id: ownerId }, communityId, year, ...input })
      void Taro.showToast({ title: '已添加', icon: 'success', duration: 1500 })
      // Back to the list that opened the form (it reads the year again on show); opened directly, to the list.
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
      else replacePage('projects', { ownerId, year: String(year) })
    } catch (e) {
      setError({ message: messageOf(e), code: (e as { code?: string }).code })
    } finally {
      setSending(false)
    }
  }

  const input = (f: Field, label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className='grid-form__field'>
      <Text className='grid-form__label'>{label}</Text>
      <Input className={`grid-form__input${error?.field === f ? ' grid-form__input--error' : ''}`} data-testid={`project-${f}`} type={type} value={form[f]} placeholder={placeholder} onInput={(e) => setForm((x) => ({ ...x, [f]: textOf(e) }))} />
    </View>
  )

  if (!ownerId)
    return (
      <Page className='page' data-testid='page-project-new'>
        <Text className='grid-form__hint' data-testid='project-no-owner'>
          请从微实事清单进入。
        </Text>
      </Page>
    )
  return (
    <Page className='page' data-testid='page-project-new'>
      <View className='grid-form' data-testid='project-form' data-owner={ownerId} data-year={year}>
        <Text className='grid-form__title'>{`${year}年 新增微实事`}</Text>
        {input('title', '项目名称', '例如：北门花园加装路灯')}
        <View className='grid-form__field'>
          <Text className='grid-form__label'>说明（可不填）</Text>
          <Textarea className='grid-form__input' data-testid='project-description' value={form.description} maxlength={300} placeholder='做什么、在哪里' onInput={(e) => setForm((x) => ({ ...x, description: textOf(e) }))} />
        </View>
        {input('plannedCost', '计划费用（元）', '例如：12000', 'number')}
        {input('beneficiaries', '受益人数', '例如：300', 'number')}
        {error && (
          <Text className='grid-form__error' data-testid='project-error' data-field={error.field ?? ''} data-code={error.code ?? ''}>
            {error.message}
          </Text>
        )}
        <View className={`grid-form__submit${sending ? ' grid-form__submit--busy' : ''}`} hoverClass='grid-form__submit--pressed' data-testid='project-save' onClick={() => void save()}>
          {sending ? '正在保存…' : '添加'}
        </View>
      </View>
    </Page>
  )
}
