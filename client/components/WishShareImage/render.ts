import type { ShareImageFields } from './draw'

/**
 * Renders the share image to something an <Image> and onShareAppMessage take. Taro picks
 * render.h5.ts (a detached canvas → data URL) or render.weapp.ts (an offscreen canvas → temp file);
 * platforms with neither get null, and the share falls back to WeChat's page screenshot.
 */
export async function renderShareImage(_fields: ShareImageFields): Promise<{ url: string; ms: number } | null> {
  return null
}
