import { drawWishPoster, drawWishShareImage, POSTER_HEIGHT, POSTER_WIDTH, type DrawImage, SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type Canvas2D, type ShareImageFields } from './draw'

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

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

export async function renderPoster(fields: ShareImageFields, codeBase64: string | null): Promise<string | null> {
  const canvas = document.createElement('canvas')
  const scale = 2
  canvas.width = POSTER_WIDTH * scale
  canvas.height = POSTER_HEIGHT * scale
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  const code = codeBase64 ? await loadImage(`data:image/png;base64,${codeBase64}`).catch(() => null) : null
  drawWishPoster(ctx as unknown as Canvas2D & DrawImage, fields, code, scale)
  return canvas.toDataURL('image/png')
}
