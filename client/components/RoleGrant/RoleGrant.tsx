import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PersonMatch, RoleHolder } from '@domain/api'
import { ROLE_LABELS, type RoleKind } from '@domain/roles'
import { confirmAction, toastError } from '@/components/OrgTree/confirm'
import { SelectField } from '@/components/SelectField/SelectField'
import './RoleGrant.scss'

/** Who holds which role where; 撤销 asks first, then revokes. */
export function HolderList({ holders, onRevoke }: { holders: readonly RoleHolder[]; onRevoke: (holder: RoleHolder) => Promise<unknown> }) {
  const [busy, setBusy] = useState<string | null>(null)
  if (holders.length === 0) {
    return (
      <Text className='role-grant__empty' data-testid='role-holders-empty'>
        这里还没有可由您管理的身份
      </Text>
    )
  }
  const revoke = async (h: RoleHolder) => {
    const key = `${h.userId}:${h.kind}:${h.scopeId}`
    if (busy) return
    if (!(await confirmAction('撤销身份', `确定撤销${h.name}在「${h.scopeName}」的${h.label}身份吗？`, '撤销'))) return
    setBusy(key)
    try {
      await onRevoke(h)
      void Taro.showToast({ title: `已撤销${h.name}的${h.label}身份`, icon: 'none' })
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='role-grant__list' data-testid='role-holders'>
      {holders.map((h) => {
        const key = `${h.userId}:${h.kind}:${h.scopeId}`
        return (
          <View key={key} className='role-grant__row' data-testid='role-holder' data-user={h.userId} data-kind={h.kind} data-scope={h.scopeId}>
            <View className='role-grant__who'>
              <View className='role-grant__line'>
                <Text className='role-grant__name'>{h.name}</Text>
                <Text className='role-grant__badge'>{h.label}</Text>
              </View>
              <Text className='role-grant__meta'>{h.scopeName}</Text>
              <Text className='role-grant__meta' data-testid='role-holder-phone'>
                {h.phone}
              </Text>
            </View>
            <View className='role-grant__revoke' data-testid='role-revoke' data-disabled={busy === key ? 'true' : 'false'} onClick={() => void revoke(h)}>
              撤销
            </View>
          </View>
        )
      })}
    </View>
  )
}

export interface GrantFormProps {
  nodeName: string
  /** The roles this node takes that the admin may grant (listRoleHolders' `grantable`). */
  kinds: readonly RoleKind[]
  onSearch: (q: string) => Promise<{ items: PersonMatch[] }>
  onGrant: (userId: string, kind: RoleKind) => Promise<unknown>
}

/** Grant a role on this node: pick the role, find the person by name or phone, tap 授予. */
export function GrantForm({ nodeName, kinds, onSearch, onGrant }: GrantFormProps) {
  const [kind, setKind] = useState<RoleKind>(kinds[0])
  const [q, setQ] = useState('')
  const [found, setFound] = useState<{ searching: boolean; items: PersonMatch[] | null; error: string | null }>({ searching: false, items: null, error: null })
  const [person, setPerson] = useState<PersonMatch | null>(null)
  const [sending, setSending] = useState(false)
  const chosenKind = kinds.includes(kind) ? kind : kinds[0]

  const search = async () => {
    const text = q.trim()
    if (found.searching) return
    if (!text) {
      setFound({ searching: false, items: null, error: '请输入姓名或手机号' })
      return
    }
    setPerson(null)
    setFound({ searching: true, items: null, error: null })
    try {
      const { items } = await onSearch(text)
      setFound({ searching: false, items, error: null })
    } catch (e) {
      setFound({ searching: false, items: null, error: toastError(e) })
    }
  }

  const grant = async () => {
    if (sending) return
    if (!person) {
      void Taro.showToast({ title: '请先查找并选择一个人', icon: 'none' })
      return
    }
    setSending(true)
    try {
      await onGrant(person.userId, chosenKind)
      void Taro.showToast({ title: `已授予${person.name}${ROLE_LABELS[chosenKind]}身份`, icon: 'none' })
      setPerson(null)
      setFound({ searching: false, items: null, error: null })
      setQ('')
    } catch (e) {
      toastError(e)
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='role-grant__form' data-testid='grant-form'>
      <Text className='role-grant__title'>在「{nodeName}」授予身份</Text>
      <View className='role-grant__kinds'>
        {kinds.map((k) => (
          <View
            key={k}
            className={`role-grant__kind${k === chosenKind ? ' role-grant__kind--chosen' : ''}`}
            data-testid='grant-kind'
            data-kind={k}
            data-chosen={k === chosenKind ? 'true' : 'false'}
            onClick={() => setKind(k)}
          >
            {ROLE_LABELS[k]}
          </View>
        ))}
      </View>
      <View className='role-grant__search'>
        <Input
          className='role-grant__input'
          data-testid='grant-search-input'
          placeholder='输入姓名或手机号查找'
          maxlength={20}
          value={q}
          onInput={(e) => setQ(e.detail.value)}
        />
        <View className='role-grant__find' data-testid='grant-search-button' data-disabled={found.searching ? 'true' : 'false'} onClick={() => void search()}>
          {found.searching ? '查找中' : '查找'}
        </View>
      </View>
      {found.error && (
        <Text className='role-grant__error' data-testid='grant-search-error'>
          {found.error}
        </Text>
      )}
      {found.items && found.items.length === 0 && (
        <Text className='role-grant__empty' data-testid='grant-search-none'>
          没有找到「{q.trim()}」。没有报到的居民，请输入完整手机号查找。
        </Text>
      )}
      {found.items?.map((p) => (
        <View
          key={p.userId}
          className={`role-grant__person${person?.userId === p.userId ? ' role-grant__person--chosen' : ''}`}
          data-testid='grant-person'
          data-user={p.userId}
          data-chosen={person?.userId === p.userId ? 'true' : 'false'}
          onClick={() => setPerson(p)}
        >
          <Text className='role-grant__name'>{p.name}</Text>
          <Text className='role-grant__meta'>{[p.phone, p.place].filter(Boolean).join(' · ')}</Text>
        </View>
      ))}
      <View className='role-grant__submit' data-testid='grant-submit' data-disabled={sending ? 'true' : 'false'} onClick={() => void grant()}>
        {person ? `授予${person.name}「${ROLE_LABELS[chosenKind]}」` : `授予${ROLE_LABELS[chosenKind]}`}
      </View>
    </View>
  )
}

export interface UnitAdminGrantProps {
  units: readonly { id: string; name: string }[]
  onSearch: (unitId: string, q: string) => Promise<{ items: PersonMatch[] }>
  onGrant: (unitId: string, userId: string) => Promise<unknown>
}

/** 单位管理员 (county admins): pick one of the county's units, then find one of its members and grant. */
export function UnitAdminGrant({ units, onSearch, onGrant }: UnitAdminGrantProps) {
  const [unitId, setUnitId] = useState<string | undefined>()
  const unit = units.find((u) => u.id === unitId)
  return (
    <View className='role-grant__units' data-testid='unit-admin-grant'>
      <SelectField label='单位' placeholder='选择要设置管理员的单位' options={units} value={unitId} onChange={setUnitId} testId='unit-admin-unit' />
      {unit && (
        <GrantForm
          key={unit.id}
          nodeName={unit.name}
          kinds={['unit_admin']}
          onSearch={(q) => onSearch(unit.id, q)}
          onGrant={(userId) => onGrant(unit.id, userId)}
        />
      )}
    </View>
  )
}
