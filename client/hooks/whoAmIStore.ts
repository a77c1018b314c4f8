import type { WhoAmI } from '@domain/api'
import type { RoleKind } from '@domain/roles'
import { toApiError, type ApiError } from '@/services/ApiError'
import * as users from '@/services/users'

export interface WhoAmIState {
  loading: boolean
  error: ApiError | null
  data: WhoAmI | null
}

// Loading from the start: the first page to mount asks for the person straight away.
const initial: WhoAmIState = { loading: true, error: null, data: null }

/**
 * The current person, shared by every page: switching role on 我的 changes what 首页 shows
 * without either page knowing about the other. Not a cache of anything else.
 */
function createWhoAmIStore() {
  let state: WhoAmIState = initial
  let started = false
  let generation = 0
  const listeners = new Set<() => void>()

  const set = (next: Partial<WhoAmIState>) => {
    state = { ...state, ...next }
    listeners.forEach((l) => l())
  }

  async function reload(): Promise<void> {
    started = true
    const mine = ++generation
    set({ loading: true, error: null })
    try {
      const data = await users.whoami()
      if (mine === generation) set({ loading: false, data })
    } catch (e) {
      if (mine === generation) set({ loading: false, error: toApiError(e) })
    }
  }

  /** Rejects with the ApiError so the caller can toast it; the shown person stays as it was. */
  async function switchRole(role: RoleKind): Promise<WhoAmI> {
    const mine = ++generation
    const data = await users.switchRole(role)
    if (mine === generation) set({ data, error: null, loading: false })
    return data
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    /** Load once, the first time any page asks. */
    ensureLoaded() {
      if (!started) void reload()
    },
    reload,
    switchRole,
    /** Forget the person shown and load again (the identity changed underneath). */
    restart() {
      state = initial
      return reload()
    },
    /** Back to the state before any page asked (tests). */
    reset() {
      started = false
      generation++
      state = initial
      listeners.forEach((l) => l())
    },
  }
}

export const whoAmIStore = createWhoAmIStore()
