import { useSyncExternalStore } from 'react'
import { careMode, type CareState } from '@/services/careMode'

/** Care mode as it is now; a component re-renders when the switch or WeChat's type size changes. */
export function useCareMode(): CareState {
  return useSyncExternalStore(careMode.subscribe, careMode.getState, careMode.getState)
}
