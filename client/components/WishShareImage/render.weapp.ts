import Taro from '@tarojs/taro'
import { drawWishShareImage, SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type Canvas2D, type ShareImageFields } from './draw'

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
