import type { RoleKind } from '@domain/roles'
import { usersArea } from '@domain/api/users'
import { areaCaller } from './transport'

const call = areaCaller(usersArea)

/** Who the backend says I am, with my roles and the one I act in. */
export const whoami = () => call('users', 'whoami', {})

/** Act in another role I hold; answers the updated WhoAmI. */
export const switchRole = (role: RoleKind) => call('users', 'switchRole', { role })
