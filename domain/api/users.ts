import * as v from 'valibot'
import { action, area } from './contract'
import { ROLE_KINDS, type RoleKind, type ScopedRole } from '../roles'

export interface WhoAmI {
  id: string
  /** Display name: the registered name if known, otherwise a friendly default. */
  displayName: string
  phoneMasked: string | null
  roles: ScopedRole[]
  activeRole: RoleKind
  /** True the first time this identity reached the backend (the record was just created). */
  created: boolean
  createdAt: string
}

export const usersArea = area('users', {
  whoami: action<Record<string, never>, WhoAmI>(v.strictObject({})),
  switchRole: action<{ role: RoleKind }, WhoAmI>(
    v.strictObject({ role: v.picklist(ROLE_KINDS, '未知的身份') }),
  ),
})
