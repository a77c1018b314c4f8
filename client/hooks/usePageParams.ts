import { useRouter } from '@tarojs/taro'

/** decodeURIComponent that never throws: a scene may arrive encoded once, or already decoded. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * The page's query parameters, decoded. Both platforms deliver them the same way: on weapp the
 * page's onLoad options (a QR code's `scene` among them, URL-encoded), on h5 the query of the
 * page URL (`#/…/index?scene=c%3Aorg-beimen`).
 */
export function usePageParams(): Record<string, string> {
  const router = useRouter()
  const params = (router?.params ?? {}) as Record<string, string | undefined>
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string' && k !== '$taroTimestamp') out[k] = safeDecode(v)
  }
  return out
}
