/** Platforms without a network signal: nothing to watch (Taro picks network.h5.ts / network.weapp.ts). */
export function watchOnline(_onOnline: () => void): () => void {
  return () => undefined
}
