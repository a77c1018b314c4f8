import Taro from '@tarojs/taro'
import type { CertificateView } from '@domain/api/activities'
import { CERTIFICATE_HEIGHT, CERTIFICATE_WIDTH, drawCertificate, type Canvas2D, type DrawImage } from './draw'

/**
 * WeChat: an offscreen 2d canvas (no node in the page) exported to a temp file, which <Image>
 * shows and previewImage opens (its long-press menu saves to the album).
 */
export async function renderCertificate(certificate: CertificateView, codeBase64: string | null): Promise<string | null> {
  const scale = 2
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: CERTIFICATE_WIDTH * scale, height: CERTIFICATE_HEIGHT * scale }) as unknown as {
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
  drawCertificate(ctx as Canvas2D & DrawImage, certificate, code, scale)
  const res = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  return res.tempFilePath
}
