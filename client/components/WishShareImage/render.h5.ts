import { drawWishShareImage, SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type Canvas2D, type ShareImageFields } from './draw'

/** Browser: a canvas never attached to the page, 2× for sharp text; `ms` is the drawing plus encoding time. */
export async function renderShareImage(fields: ShareImageFields): Promise<{ url: string; ms: number } | null> {
  const start = performance.now()
  const canvas = document.createElement('canvas')
  const scale = 2
  canvas.width = SHARE_IMAGE_WIDTH * scale
  canvas.height = SHARE_IMAGE_HEIGHT * scale
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  drawWishShareImage(ctx as unknown as Canvas2D, fields, scale)
  const url = canvas.toDataURL('image/png')
  return { url, ms: performance.now() - start }
}
