import type { Send } from './send.types'
import { apiUrl, getChosenOpenid } from './localIdentity'

/**
 * Browser (local mode): POST the payload to the local server, which runs the same cloud
 * functions. The demo identity chosen in the switcher travels as `x-wx-openid`.
 */
export const send: Send = async (area, payload) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const openid = getChosenOpenid()
  if (openid) headers['x-wx-openid'] = openid
  const res = await fetch(apiUrl(`/api/${encodeURIComponent(area)}`), {
    method: 'POST',
    headers,
    body: JSON.stringify(payload),
  })
  // Failure envelopes may come with a 4xx/5xx status; only a body that is not JSON means the
  // backend itself was unreachable (a proxy error page, a dead port).
  try {
    return await res.json()
  } catch {
    throw new Error(`HTTP ${res.status} without a JSON body from /api/${area}`)
  }
}
