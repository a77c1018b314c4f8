import { Text, View } from '@tarojs/components'
import type { WhoAmI } from '@domain/api'
import { ROLE_LABELS } from '@domain/roles'
import { openPage, openTab, showComingSoon } from '@/navigation'
import { ROLE_TILES, type Tile } from './tiles'
import './RoleHome.scss'

export interface RoleHomeProps {
  who: WhoAmI
}

const REVIEWER = { unit: 'unit_admin', community: 'community_admin' } as const

function openTile(tile: Tile, who: WhoAmI) {
  const action = tile.action
  if (action.kind === 'tab') openTab(action.tab)
  else if (action.kind === 'page') {
    if (!action.review) return openPage(action.page)
    // The list of the unit or community this person administers, active role first.
    const kind = REVIEWER[action.review]
    const role = who.roles.find((r) => r.kind === kind && r.kind === who.activeRole) ?? who.roles.find((r) => r.kind === kind)
    openPage(action.page, { scope: action.review, scopeId: role?.scopeId })
  } else showComingSoon()
}

/** 首页 for the role the person is acting in: who they are, then big task tiles. */
export function RoleHome({ who }: RoleHomeProps) {
  const active = who.roles.find((r) => r.kind === who.activeRole)
  const roleLabel = active?.label || ROLE_LABELS[who.activeRole]
  const tiles = ROLE_TILES[who.activeRole] ?? ROLE_TILES.resident
  const otherRoles = who.roles.length - 1

  return (
    <View className='role-home'>
      <View className='role-home__hello'>
        <Text className='role-home__greeting' data-testid='home-greeting'>
          您好，{who.displayName}
        </Text>
        <Text className='role-home__role' data-testid='home-role' data-role={who.activeRole}>
          当前身份：{roleLabel}
          {active?.scopeName ? `（${active.scopeName}）` : ''}
        </Text>
        {otherRoles > 0 && (
          <View className='role-home__switch' data-testid='home-switch-hint' onClick={() => openTab('mine')}>
            您还有 {otherRoles} 个身份，到「我的」切换 ›
          </View>
        )}
      </View>
      <View className='role-home__tiles'>
        {tiles.map((tile) => (
          <View
            key={tile.id}
            className='role-home__tile'
            hoverClass='role-home__tile--pressed'
            data-testid='home-tile'
            data-tile={tile.id}
            onClick={() => openTile(tile, who)}
          >
            <Text className='role-home__tile-title'>{tile.title}</Text>
            <Text className='role-home__tile-hint'>{tile.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
