import { effectiveRoles, pickActiveRole, ROLE_LABELS, type RoleGrant, type RoleKind, type ScopedRole } from './roles'
import type { WhoAmI } from './api/users'
import { isRegistered, type RegistrationState } from './registration'

/** A person as stored. Identity is the platform's openid; everything else is filled in later. */
export interface UserRecord {
  _id: string
  openid: string
  name?: string
  phone?: string
  roles: StoredGrant[]
  activeRole?: RoleKind
  createdAt: Date
  updatedAt: Date
}

/** Grants keep the scope's name beside its id so `whoami` costs one read. */
export interface StoredGrant extends RoleGrant {
  scopeName?: string
}

export function newUser(openid: string, at: Date): Omit<UserRecord, '_id'> {
  return { openid, roles: [], createdAt: at, updatedAt: at }
}

/** What of a person's live registration decides the member role (a RegistrationRecord fits). */
export interface LiveRegistrationView {
  state: RegistrationState
  communityId: string
  communityName?: string
}

/**
 * The member role is derived, not stored: a person is a member of community C exactly while their
 * live registration (`users.liveRegistrationId`) is `registered` in C. Stored member grants (left
 * by the time the role was written on confirmation) are ignored, so a withdrawal, a move or a
 * rejection takes the role away without a write on `users`, and nothing can hand it out by hand.
 */
export function withDerivedRoles<U extends Pick<UserRecord, 'roles'>>(user: U, live: LiveRegistrationView | null | undefined): U {
  const roles: StoredGrant[] = (user.roles ?? []).filter((g) => g.kind !== 'member')
  if (live && isRegistered(live.state) && live.communityId) {
    roles.push({ kind: 'member', scopeId: live.communityId, ...(live.communityName ? { scopeName: live.communityName } : {}) })
  }
  return { ...user, roles }
}

/** 13812341234 → 138****1234; anything that is not an 11-digit mobile is masked whole. */
export function maskPhone(phone: string | undefined | null): string | null {
  if (!phone) return null
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  return '*'.repeat(Math.min(phone.length, 8))
}

/** How a person is named on a timeline, a card or a list: their name, else the WeChat default. */
export function displayName(user: { name?: string | null } | null | undefined): string {
  return user?.name || '微信用户'
}

export function holdsRole(user: Pick<UserRecord, 'roles'>, kind: RoleKind): boolean {
  return effectiveRoles(user.roles).some((r) => r.kind === kind)
}

export function toWhoAmI(user: UserRecord, created: boolean): WhoAmI {
  const names = new Map(user.roles.map((g) => [`${g.kind}:${g.scopeId ?? ''}`, g.scopeName]))
  const roles: ScopedRole[] = effectiveRoles(user.roles).map((g) => {
    const scopeName = names.get(`${g.kind}:${g.scopeId ?? ''}`)
    return { ...g, label: ROLE_LABELS[g.kind], ...(scopeName ? { scopeName } : {}) }
  })
  return {
    id: user._id,
    displayName: displayName(user),
    phoneMasked: maskPhone(user.phone),
    roles,
    activeRole: pickActiveRole(user.roles, user.activeRole),
    created,
    createdAt: new Date(user.createdAt).toISOString(),
  }
}
