import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrgNodeView, PairedUnit } from '@domain/api'
import { ORG_KIND_LABELS } from '@domain/org'
import { SelectField } from '@/components/SelectField/SelectField'
import { confirmAction, toastError } from './confirm'
import './OrgTree.scss'

/** The way back up: every node from the admin's scope to the one shown; tap one to go there. */
export function Breadcrumbs({ trail, onPick }: { trail: readonly OrgNodeView[]; onPick: (index: number) => void }) {
  return (
    <View className='org-tree__crumbs' data-testid='org-breadcrumbs'>
      {trail.map((node, i) => {
        const last = i === trail.length - 1
        return (
          <View key={node.id} className='org-tree__crumb-wrap'>
            {i > 0 && <Text className='org-tree__crumb-sep'>›</Text>}
            <Text
              className={`org-tree__crumb${last ? ' org-tree__crumb--current' : ''}`}
              data-testid='org-crumb'
              data-id={node.id}
              onClick={() => {
                if (!last) onPick(i)
              }}
            >
              {node.name}
            </Text>
          </View>
        )
      })}
    </View>
  )
}

export interface NameFormProps {
  title: string
  initial?: string
  submitText: string
  placeholder?: string
  onSubmit: (name: string) => Promise<unknown>
  onCancel: () => void
  testId: string
}

/** One big name field with 保存 and 取消; the API's Chinese message shows under it and as a toast. */
export function NameForm({ title, initial = '', submitText, placeholder, onSubmit, onCancel, testId }: NameFormProps) {
  const [name, setName] = useState(initial)
  const [state, setState] = useState<{ sending: boolean; error: string | null }>({ sending: false, error: null })
  const send = async () => {
    if (state.sending) return
    setState({ sending: true, error: null })
    try {
      await onSubmit(name)
      setState({ sending: false, error: null })
    } catch (e) {
      setState({ sending: false, error: toastError(e) })
    }
  }
  return (
    <View className='org-tree__form' data-testid={testId}>
      <Text className='org-tree__form-title'>{title}</Text>
      <Input
        className='org-tree__input'
        data-testid={`${testId}-input`}
        value={name}
        placeholder={placeholder ?? '请输入名称'}
        maxlength={30}
        focus
        onInput={(e) => setName(e.detail.value)}
      />
      {state.error && (
        <Text className='org-tree__error' data-testid={`${testId}-error`}>
          {state.error}
        </Text>
      )}
      <View className='org-tree__form-buttons'>
        <View className='org-tree__button org-tree__button--plain' data-testid={`${testId}-cancel`} onClick={onCancel}>
          取消
        </View>
        <View className='org-tree__button' data-testid={`${testId}-submit`} data-disabled={state.sending ? 'true' : 'false'} onClick={() => void send()}>
          {state.sending ? '保存中' : submitText}
        </View>
      </View>
    </View>
  )
}

export interface NodeListProps {
  nodes: readonly OrgNodeView[]
  onOpen: (node: OrgNodeView) => void
  /** Shown on each row when the admin may rename these nodes. */
  onRename?: (node: OrgNodeView, name: string) => Promise<unknown>
  emptyText: string
}

/** The children of the node shown: tap a row to go down; 改名 renames it in place. */
export function NodeList({ nodes, onOpen, onRename, emptyText }: NodeListProps) {
  const [renaming, setRenaming] = useState<string | null>(null)
  if (nodes.length === 0) {
    return (
      <Text className='org-tree__empty' data-testid='org-nodes-empty'>
        {emptyText}
      </Text>
    )
  }
  return (
    <View className='org-tree__nodes' data-testid='org-nodes'>
      {nodes.map((node) =>
        renaming === node.id && onRename ? (
          <NameForm
            key={node.id}
            title={`修改「${node.name}」的名称`}
            initial={node.name}
            submitText='保存'
            testId='org-rename-form'
            onSubmit={async (name) => {
              await onRename(node, name)
              setRenaming(null)
              void Taro.showToast({ title: '已改名', icon: 'success' })
            }}
            onCancel={() => setRenaming(null)}
          />
        ) : (
          <View key={node.id} className='org-tree__node' data-testid='org-node' data-id={node.id} data-kind={node.kind}>
            <View className='org-tree__node-main' hoverClass='org-tree__node-main--pressed' data-testid='org-node-open' onClick={() => onOpen(node)}>
              <Text className='org-tree__node-name' data-testid='org-node-name'>
                {node.name}
              </Text>
              <Text className='org-tree__node-kind'>{ORG_KIND_LABELS[node.kind]} ›</Text>
            </View>
            {onRename && (
              <View className='org-tree__small' data-testid='org-node-rename' onClick={() => setRenaming(node.id)}>
                改名
              </View>
            )}
          </View>
        ),
      )}
    </View>
  )
}

export interface PairingPanelProps {
  communityName: string
  paired: readonly PairedUnit[]
  /** Every unit that may be picked; those already paired are left out of the picker. */
  units: readonly { id: string; name: string; kind: string }[]
  /** Absent: the admin may look but not change the pairings. */
  onPair?: (unitId: string) => Promise<unknown>
  onUnpair?: (unitId: string) => Promise<unknown>
}

/** 结对共建单位 of a community: the paired units, 解除结对 (confirmed first), and 结对 a unit picked from the list. */
export function PairingPanel({ communityName, paired, units, onPair, onUnpair }: PairingPanelProps) {
  const [chosen, setChosen] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const candidates = units.filter((u) => !paired.some((p) => p.id === u.id))

  const run = async (step: () => Promise<unknown>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      await step()
      void Taro.showToast({ title: done, icon: 'success' })
      return true
    } catch (e) {
      toastError(e)
      return false
    } finally {
      setBusy(false)
    }
  }

  const unpair = async (unit: PairedUnit) => {
    if (!onUnpair) return
    if (!(await confirmAction('解除结对', `确定解除「${unit.name}」与「${communityName}」的结对吗？`, '解除结对'))) return
    await run(() => onUnpair(unit.id), '已解除结对')
  }
  const pair = async () => {
    if (!onPair) return
    if (!chosen) {
      void Taro.showToast({ title: '请先选择单位', icon: 'none' })
      return
    }
    if (await run(() => onPair(chosen), '已结对')) setChosen(undefined)
  }

  return (
    <View className='org-tree__pairing' data-testid='pairing'>
      <Text className='org-tree__section'>结对共建单位</Text>
      {paired.length === 0 ? (
        <Text className='org-tree__empty' data-testid='pairing-none'>
          还没有结对单位
        </Text>
      ) : (
        paired.map((u) => (
          <View key={u.id} className='org-tree__node' data-testid='pairing-unit' data-id={u.id}>
            <View className='org-tree__node-main'>
              <Text className='org-tree__node-name'>{u.name}</Text>
              <Text className='org-tree__node-kind'>
                {u.kind} · 已报到 {u.registered} 人
              </Text>
            </View>
            {onUnpair && (
              <View className='org-tree__small org-tree__small--danger' data-testid='pairing-unpair' data-disabled={busy ? 'true' : 'false'} onClick={() => void unpair(u)}>
                解除结对
              </View>
            )}
          </View>
        ))
      )}
      {onPair && (
        <View className='org-tree__pair-new'>
          <SelectField
            label='结对单位'
            placeholder='选择一个单位'
            options={candidates.map((u) => ({ id: u.id, name: u.name, group: u.kind }))}
            value={chosen}
            onChange={setChosen}
            emptyText='没有可以结对的单位了'
            testId='pairing-pick'
          />
          <View className='org-tree__button' data-testid='pairing-pair' data-disabled={busy ? 'true' : 'false'} onClick={() => void pair()}>
            结对
          </View>
        </View>
      )}
    </View>
  )
}
