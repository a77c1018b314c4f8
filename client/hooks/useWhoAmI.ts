import { useEffect, useSyncExternalStore } from 'react'
import { whoAmIStore, type WhoAmIState } from './whoAmIStore'

export interface UseWhoAmI extends WhoAmIState {
  reload: () => Promise<void>
  switchRole: typeof whoAmIStore.switchRole
}

/** The signed-in person: loads on first use; every page sees the same state. */
export function useWhoAmI(): UseWhoAmI {
  const state = useSyncExternalStore(whoAmIStore.subscribe, whoAmIStore.getState, whoAmIStore.getState)
  useEffect(() => {
    whoAmIStore.ensureLoaded()
  }, [])
  return { ...state, reload: whoAmIStore.reload, switchRole: whoAmIStore.switchRole }
}
