import Taro from '@tarojs/taro'
import { drawWishPoster, drawWishShareImage, POSTER_HEIGHT, POSTER_WIDTH, type DrawImage, SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type Canvas2D, type ShareImageFields } from './draw'

/**
 * WeChat: an offscreen 2d canvas (no node in the page), written to a temp file, which is what
 * onShareAppMessage's imageUrl accepts.
 */
export async function renderShareImage(fields: ShareImageFields): Promise<{ url: string; ms: number } | null> {
  const start = Date.now()
  const scale = 2
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: SHARE_IMAGE_WIDTH * scale, height: SHARE_IMAGE_HEIGHT * scale }) as unknown as {
    getContext: (kind: '2d') => unknown
  }
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  drawWishShareImage(ctx as Canvas2D, fields, scale)
  const res = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  return { url: res.tempFilePath, ms: Date.now() - start }
}

export async function renderPoster(fields: ShareImageFields, codeBase64: string | null): Promise<string | null> {
  const scale = 2
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: POSTER_WIDTH * scale, height: POSTER_HEIGHT * scale }) as unknown as {
    getContext: (kind: '2d') => unknown
    createImage: () => { src: string; onload: () => void; onerror: () => void }
  }
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  let code: unknown = null
  if (codeBase64) {
    const img = canvas.createImage()
    code = await new Promise((resolve) => {
      img.onload = () => resolve(img)
      img.onerror = () => resolve(null)
      img.src = `data:image/png;base64,${codeBase64}`
    })
  }
  drawWishPoster(ctx as Canvas2D & DrawImage, fields, code, scale)
  const res = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  return res.tempFilePath
}
