import { Text, View } from '@tarojs/components'
import type { RoleKind, ScopedRole } from '@domain/roles'
import './RoleList.scss'

export interface RoleListProps {
  roles: readonly ScopedRole[]
  active: RoleKind
  /** The role being switched to right now, if any: shown as busy, taps ignored. */
  pending?: RoleKind | null
  onPick: (role: RoleKind) => void
}

/** The roles a person holds; tapping one acts in it. */
export function RoleList({ roles, active, pending = null, onPick }: RoleListProps) {
  return (
    <View className='role-list' data-testid='role-list'>
      {roles.map((r) => {
        const isActive = r.kind === active
        const isPending = r.kind === pending
        return (
          <View
            key={`${r.kind}:${r.scopeId ?? ''}`}
            className={`role-list__item${isActive ? ' role-list__item--active' : ''}`}
            hoverClass='role-list__item--pressed'
            data-testid='role-option'
            data-role={r.kind}
            data-active={isActive ? 'true' : 'false'}
            onClick={() => {
              if (!isActive && !pending) onPick(r.kind)
            }}
          >
            <View className='role-list__main'>
              <Text className='role-list__label'>{r.label}</Text>
              {r.scopeName && <Text className='role-list__scope'>{r.scopeName}</Text>}
            </View>
            <Text className='role-list__state'>{isActive ? '当前身份' : isPending ? '切换中…' : '切换'}</Text>
          </View>
        )
      })}
    </View>
  )
}
