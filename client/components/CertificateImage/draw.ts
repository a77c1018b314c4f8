import type { CertificateView } from '@domain/api/activities'
import type { Canvas2D, DrawImage } from '@/components/WishShareImage/draw'
import { wrapText } from '@/components/WishShareImage/draw'
import { certificateLines, CERTIFICATE_TITLE } from '@/components/Certificate/lines'

export type { Canvas2D, DrawImage }

/** Logical size, portrait like a paper certificate; the caller sizes the canvas by `scale`. */
export const CERTIFICATE_WIDTH = 600
export const CERTIFICATE_HEIGHT = 980

const RED = '#C8161D'
const PAPER = '#FFFDF7'
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
const QR_SIZE = 200
const LINE_TOP = 230
const LINE_STEP = 68

export const VERIFY_HINT = '微信扫码，核验这份证明'
export const VERIFY_HINT_NO_CODE = '在「连心」小程序输入编号核验'

/**
 * Draws the 服务证明 at (0,0): a red frame, the title, one line per certificateLines entry
 * (label left, value right), then the verify code (`code`, an image the platform loaded from the
 * PNG) or, without one, where to type the number. Takes the CertificateView only, through
 * certificateLines, so the picture can never carry more about the person than the page.
 */
export function drawCertificate(ctx: Canvas2D & DrawImage, certificate: CertificateView, code: unknown | null, scale = 1): void {
  const W = CERTIFICATE_WIDTH
  const H = CERTIFICATE_HEIGHT
  ctx.save()
  ctx.scale(scale, scale)
  ctx.textBaseline = 'middle'

  ctx.fillStyle = RED
  ctx.fillRect(0, 0, W, H)
  ctx.fillStyle = PAPER
  ctx.fillRect(14, 14, W - 28, H - 28)

  ctx.fillStyle = RED
  ctx.textAlign = 'center'
  ctx.font = `bold 60px ${FONT}`
  ctx.fillText(CERTIFICATE_TITLE, W / 2, 100)
  ctx.fillRect(W / 2 - 120, 150, 240, 4)
  ctx.fillStyle = '#444444'
  ctx.font = `24px ${FONT}`
  ctx.fillText('连心 · 在职党员进社区服务', W / 2, 184)

  certificateLines(certificate).forEach((line, i) => {
    const y = LINE_TOP + i * LINE_STEP
    ctx.textAlign = 'left'
    ctx.fillStyle = '#444444'
    ctx.font = `28px ${FONT}`
    ctx.fillText(line.label, 56, y)
    ctx.textAlign = 'right'
    ctx.fillStyle = line.key === 'stars' ? '#B45F00' : '#1A1A1A'
    ctx.font = `bold 32px ${FONT}`
    ctx.fillText(wrapText(ctx, line.value, 360, 1)[0] ?? '', W - 56, y)
    ctx.fillStyle = '#E0D8CC'
    ctx.fillRect(56, y + LINE_STEP / 2, W - 112, 2)
  })

  ctx.textAlign = 'center'
  ctx.fillStyle = '#444444'
  ctx.font = `24px ${FONT}`
  const qrTop = LINE_TOP + 7 * LINE_STEP - 8
  if (code) {
    ctx.drawImage(code, (W - QR_SIZE) / 2, qrTop, QR_SIZE, QR_SIZE)
    ctx.fillText(VERIFY_HINT, W / 2, qrTop + QR_SIZE + 28)
  } else {
    ctx.fillText(VERIFY_HINT_NO_CODE, W / 2, qrTop + 60)
  }
  ctx.restore()
}
