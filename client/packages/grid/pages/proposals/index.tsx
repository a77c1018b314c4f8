import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { ProposalList } from '@/components/ProposalCard/ProposalCard'
import { textOf } from '@/components/WishIntake/textOf'
import { useProposalList } from '@/hooks/useProposals'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import { openPage } from '@/navigation'
import { messageOf } from '@/services/ApiError'
import * as proposals from '@/services/proposals'
import { withSubscribe } from '@/services/subscribe'
import './index.scss'

/** 微提案: the community's proposals, newest first; residents and members write a new one here. */
export default function ProposalsPage() {
  const who = useWhoAmI()
  const list = useProposalList()
  const [writing, setWriting] = useState(false)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  // Back from a proposal (supported, answered): its counts and state changed.
  useDidShow(() => {
    if (list.data || list.error) void list.reload()
  })

  const submit = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      // The panel opens inside the tap (WeChat's rule): the community's answer comes later.
      const created = await withSubscribe('proposalSubmit', () => proposals.submitProposal(title, body))
      setWriting(false)
      setTitle('')
      setBody('')
      void Taro.showToast({ title: '提案已提交', icon: 'none', duration: 2000 })
      await list.reload()
      openPage('proposal', { id: created.id })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const answering = !!list.data?.canAnswer
  return (
    <Page className='page proposals-page' data-testid='page-proposals'>
      {list.data && <Text className='proposals-page__community'>{`${list.data.communityName}的微提案`}</Text>}
      {list.data && !answering && !writing && (
        <View className='proposals-page__new' hoverClass='proposals-page__new--pressed' role='button' data-testid='proposals-new' onClick={() => setWriting(true)}>
          ＋ 我要提案
        </View>
      )}
      {writing && (
        <View className='proposals-page__form' data-testid='proposal-form'>
          {error && (
            <Text className='proposals-page__error' data-testid='proposal-form-error'>
              {error}
            </Text>
          )}
          <Text className='proposals-page__label'>标题（30字以内）</Text>
          <Input className='proposals-page__input' data-testid='proposal-form-title' value={title} maxlength={30} placeholder='例如：小区增设充电桩' onInput={(e) => setTitle(textOf(e))} nativeProps={{ 'aria-label': '提案标题' }} />
          <Text className='proposals-page__label'>内容（500字以内）</Text>
          <Textarea className='proposals-page__textarea' data-testid='proposal-form-body' value={body} maxlength={500} placeholder='说说您的想法和理由' onInput={(e) => setBody(textOf(e))} />
          <View className='proposals-page__button proposals-page__button--primary' hoverClass='proposals-page__button--pressed' role='button' aria-disabled={busy} data-testid='proposal-form-submit' onClick={() => void submit()}>
            {busy ? '正在提交…' : '提交提案'}
          </View>
          <View className='proposals-page__button proposals-page__button--plain' hoverClass='proposals-page__button--pressed' role='button' data-testid='proposal-form-cancel' onClick={() => setWriting(false)}>
            返回
          </View>
        </View>
      )}
      {list.data ? (
        <ProposalList items={list.data.items} onOpen={(id) => openPage('proposal', { id })} empty={answering ? '还没有居民或党员提交提案。' : '还没有提案，点上方「我要提案」为社区出主意。'} />
      ) : who.error ? (
        <LoadPanel error={who.error} onRetry={() => void who.reload()} />
      ) : (
        <LoadPanel error={list.error} onRetry={() => void list.reload()} />
      )}
    </Page>
  )
}
