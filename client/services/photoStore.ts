import { passThroughStore, type PhotoStore } from './photoStoreCore'

/**
 * Where queued wish photos wait for the network. Taro picks photoStore.h5.ts (IndexedDB) or
 * photoStore.weapp.ts (saved files) by file suffix; this fallback is what the type checker sees
 * and what other platforms get: photos stay as picked.
 */
export type { StoredPhoto } from './photoStoreCore'

export function photoStore(): PhotoStore {
  return passThroughStore
}
