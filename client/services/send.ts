import type { Send } from './send.types'

/**
 * Fallback for platforms without a backend channel. Taro picks send.weapp.ts or send.h5.ts
 * by file suffix at build time, so this file is only what the type checker sees.
 */
export const send: Send = async () => {
  throw new Error(`no backend channel for platform ${process.env.TARO_ENV}`)
}
