import type { WhoAmI } from '@domain/api'
import { ROLE_LABELS, type RoleKind, type ScopedRole } from '@domain/roles'

export function role(kind: RoleKind, scopeName?: string): ScopedRole {
  return scopeName
    ? { kind, label: ROLE_LABELS[kind], scopeId: `scope-${kind}`, scopeName }
    : { kind, label: ROLE_LABELS[kind] }
}

export function who(overrides: Partial<WhoAmI> = {}): WhoAmI {
  return {
    id: 'u1',
    displayName: '李红梅',
    phoneMasked: '138****5678',
    roles: [role('resident')],
    activeRole: 'resident',
    created: false,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  }
}

/** A backend for users.whoami / users.switchRole over fetch, keeping the active role. */
export function usersBackend(initial: WhoAmI) {
  let current = initial
  return (req: { body: unknown }) => {
    const body = req.body as { action: string; role?: RoleKind }
    if (body.action === 'whoami') return { json: { code: 0, data: current } }
    if (body.action === 'switchRole') {
      if (!current.roles.some((r) => r.kind === body.role)) {
        return { status: 403, json: { code: 'USER.ROLE_NOT_HELD', message: '您没有这个身份，无法切换' } }
      }
      current = { ...current, activeRole: body.role! }
      return { json: { code: 0, data: current } }
    }
    return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
  }
}
