/**
 * Local mode only (h5 against the local server). Imported solely from `*.h5.*` files, so none
 * of this reaches the weapp bundle. In WeChat the platform vouches for the openid; locally a
 * person picks a demo identity and the transport sends it as `x-wx-openid`.
 */

export const OPENID_STORAGE_KEY = 'lianxin.openid'

export interface LocalIdentity {
  openid: string
  label: string
  role: string
  description: string
}

const listeners = new Set<() => void>()

export function apiUrl(path: string): string {
  return `${process.env.LIANXIN_API_BASE || ''}${path}`
}

export function getChosenOpenid(): string | null {
  try {
    return window.localStorage.getItem(OPENID_STORAGE_KEY)
  } catch {
    return null
  }
}

export function setChosenOpenid(openid: string | null): void {
  try {
    if (openid) window.localStorage.setItem(OPENID_STORAGE_KEY, openid)
    else window.localStorage.removeItem(OPENID_STORAGE_KEY)
  } catch {
    // Storage may be disabled (private mode); the choice then lasts until reload only.
  }
  listeners.forEach((l) => l())
}

export function subscribeChosenOpenid(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

function isLocalIdentity(x: unknown): x is LocalIdentity {
  const o = x as Record<string, unknown>
  return typeof o === 'object' && o !== null && typeof o.openid === 'string' && typeof o.label === 'string'
}

/** The demo identities the local server offers. Throws a Chinese-message Error on failure. */
export async function listLocalIdentities(): Promise<LocalIdentity[]> {
  let body: unknown
  try {
    const res = await fetch(apiUrl('/__local/identities'))
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    body = await res.json()
  } catch {
    throw new Error('无法获取演示身份列表，请确认本地服务已启动')
  }
  if (!Array.isArray(body)) throw new Error('演示身份列表格式不正确')
  return body.filter(isLocalIdentity).map((i) => ({
    openid: i.openid,
    label: i.label,
    role: typeof i.role === 'string' ? i.role : '',
    description: typeof i.description === 'string' ? i.description : '',
  }))
}
