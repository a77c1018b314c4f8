import type { CertificateView } from '@domain/api/activities'
import { CERTIFICATE_HEIGHT, CERTIFICATE_WIDTH, drawCertificate, type Canvas2D, type DrawImage } from './draw'

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

/** Browser: a canvas never attached to the page, 2× for sharp print. */
export async function renderCertificate(certificate: CertificateView, codeBase64: string | null): Promise<string | null> {
  const canvas = document.createElement('canvas')
  const scale = 2
  canvas.width = CERTIFICATE_WIDTH * scale
  canvas.height = CERTIFICATE_HEIGHT * scale
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  const code = codeBase64 ? await loadImage(`data:image/png;base64,${codeBase64}`).catch(() => null) : null
  drawCertificate(ctx as unknown as Canvas2D & DrawImage, certificate, code, scale)
  return canvas.toDataURL('image/png')
}
