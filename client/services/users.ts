import type { RoleKind } from '@domain/roles'
import { call } from './transport'

/** Who the backend says I am, with my roles and the one I act in. */
export const whoami = () => call('users', 'whoami', {})

/** Act in another role I hold; answers the updated WhoAmI. */
export const switchRole = (role: RoleKind) => call('users', 'switchRole', { role })
