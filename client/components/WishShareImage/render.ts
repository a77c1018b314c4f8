import type { ShareImageFields } from './draw'

/**
 * Renders the share image to something an <Image> and onShareAppMessage take. Taro picks
 * render.h5.ts (a detached canvas → data URL) or render.weapp.ts (an offscreen canvas → temp file);
 * platforms with neither get null, and the share falls back to WeChat's page screenshot.
 */
export async function renderShareImage(_fields: ShareImageFields): Promise<{ url: string; ms: number } | null> {
  return null
}

/** The poster as an image to show and save; `code` is the mini-program code PNG (base64) when there is one. */
export async function renderPoster(_fields: ShareImageFields, _codeBase64: string | null): Promise<string | null> {
  return null
}
