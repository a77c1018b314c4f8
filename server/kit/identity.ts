import { cloud } from './cloud'

export interface Identity {
  openid: string
  appid?: string
  unionid?: string
}

/**
 * The caller as the platform reports it. `getWXContext()` reads what WeChat injected for this
 * invocation; nothing the client sent is consulted.
 */
export function currentIdentity(): Identity | null {
  const ctx = cloud.getWXContext() as { OPENID?: unknown; APPID?: unknown; UNIONID?: unknown }
  if (typeof ctx.OPENID !== 'string' || ctx.OPENID === '') return null
  const identity: Identity = { openid: ctx.OPENID }
  if (typeof ctx.APPID === 'string' && ctx.APPID) identity.appid = ctx.APPID
  if (typeof ctx.UNIONID === 'string' && ctx.UNIONID) identity.unionid = ctx.UNIONID
  return identity
}
