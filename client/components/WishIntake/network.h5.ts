/**
 * The browser's `online` event. Taro's h5 onNetworkStatusChange listens to navigator.connection,
 * which does not fire when the browser goes offline and back (nor exists in every browser).
 */
export function watchOnline(onOnline: () => void): () => void {
  window.addEventListener('online', onOnline)
  return () => window.removeEventListener('online', onOnline)
}
