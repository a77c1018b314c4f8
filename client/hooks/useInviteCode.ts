import type { InviteKind } from '@domain/api'
import * as org from '@/services/org'
import { useRemote } from './useRemote'

/** The invitation code of one community or unit; nothing to load until both are known. */
export function useInviteCode(kind: InviteKind | null, id: string | null) {
  return useRemote(() => org.inviteCode({ kind: kind!, id: id! }), kind && id ? `${kind}:${id}` : null)
}
