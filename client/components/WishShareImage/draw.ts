import type { WishShareCard } from '@domain/wishes'

/**
 * The 5:4 share image (onShareAppMessage imageUrl) and the top of the poster, drawn from the
 * share card of domain/wishes.ts only: its `imageFields` are already masked and redacted, and this
 * function takes nothing else, so no record field can reach a picture by accident.
 */

/** The part of a 2D context this needs: the same on h5's canvas and WeChat's canvas 2d / offscreen canvas. */
export interface Canvas2D {
  fillStyle: string | CanvasGradient | CanvasPattern
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number, maxWidth?: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void
  closePath(): void
  fill(): void
  save(): void
  restore(): void
  scale(x: number, y: number): void
}

export type ShareImageFields = WishShareCard['imageFields']

/** Logical size; WeChat shows share images at 5:4. */
export const SHARE_IMAGE_WIDTH = 500
export const SHARE_IMAGE_HEIGHT = 400

const RED = '#C8161D'
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

/** Splits text into at most `maxLines` lines that fit `width`, the last one ending in … when cut. */
export function wrapText(ctx: Pick<Canvas2D, 'measureText'>, text: string, width: number, maxLines: number): string[] {
  const chars = Array.from(text)
  const lines: string[] = []
  let line = ''
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (ctx.measureText(next).width <= width || line === '') {
      line = next
      continue
    }
    if (lines.length === maxLines - 1) {
      let cut = line
      while (cut.length > 0 && ctx.measureText(`${cut}…`).width > width) cut = Array.from(cut).slice(0, -1).join('')
      lines.push(`${cut}…`)
      return lines
    }
    lines.push(line)
    line = chars[i]
  }
  if (line) lines.push(line)
  return lines
}

function roundRect(ctx: Canvas2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.lineTo(x + w - r, y)
  ctx.arcTo(x + w, y, x + w, y + r, r)
  ctx.lineTo(x + w, y + h - r)
  ctx.arcTo(x + w, y + h, x + w - r, y + h, r)
  ctx.lineTo(x + r, y + h)
  ctx.arcTo(x, y + h, x, y + h - r, r)
  ctx.lineTo(x, y + r)
  ctx.arcTo(x, y, x + r, y, r)
  ctx.closePath()
  ctx.fill()
}

/**
 * Draws the card at (0,0) in SHARE_IMAGE_WIDTH × SHARE_IMAGE_HEIGHT logical units, times `scale`
 * device pixels (the caller sizes the canvas). Large type: it is read as a thumbnail in a chat.
 */
export function drawWishShareImage(ctx: Canvas2D, fields: ShareImageFields, scale = 1): void {
  const W = SHARE_IMAGE_WIDTH
  const H = SHARE_IMAGE_HEIGHT
  ctx.save()
  ctx.scale(scale, scale)
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'

  ctx.fillStyle = '#FFF7F0'
  ctx.fillRect(0, 0, W, H)

  // Header: what this is and where.
  ctx.fillStyle = RED
  ctx.fillRect(0, 0, W, 76)
  ctx.fillStyle = '#FFFFFF'
  ctx.font = `bold 30px ${FONT}`
  ctx.fillText('微心愿', 24, 38)
  ctx.font = `24px ${FONT}`
  ctx.textAlign = 'right'
  ctx.fillText(wrapText(ctx, fields.communityName, 300, 1)[0] ?? '', W - 24, 38)
  ctx.textAlign = 'left'

  // The wish, two lines at most.
  ctx.fillStyle = '#1A1A1A'
  ctx.font = `bold 38px ${FONT}`
  const lines = wrapText(ctx, fields.title, W - 48, 2)
  lines.forEach((l, i) => ctx.fillText(l, 24, 128 + i * 50))

  // Who it is for (masked) and the progress badge.
  ctx.fillStyle = '#444444'
  ctx.font = `26px ${FONT}`
  ctx.fillText(fields.beneficiary, 24, 240)
  ctx.font = `bold 24px ${FONT}`
  const badge = ctx.measureText(fields.progress).width + 28
  ctx.fillStyle = fields.progress === '待点亮' ? RED : '#2E7D32'
  roundRect(ctx, W - 24 - badge, 222, badge, 38, 19)
  ctx.fillStyle = '#FFFFFF'
  ctx.textAlign = 'center'
  ctx.fillText(fields.progress, W - 24 - badge / 2, 241)

  // The button people tap in their minds: 点亮这个心愿 / 查看这个心愿.
  ctx.fillStyle = RED
  roundRect(ctx, 24, 300, W - 48, 76, 38)
  ctx.fillStyle = '#FFFFFF'
  ctx.font = `bold 34px ${FONT}`
  ctx.fillText(fields.action, W / 2, 338)
  ctx.restore()
}

/** The poster: the card on top, then the mini-program code (or what to search for without one). */
export const POSTER_WIDTH = 500
export const POSTER_HEIGHT = 760

export interface DrawImage {
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void
}

export function drawWishPoster(ctx: Canvas2D & DrawImage, fields: ShareImageFields, code: unknown | null, scale = 1): void {
  ctx.save()
  ctx.scale(scale, scale)
  ctx.fillStyle = '#FFFFFF'
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT)
  ctx.restore()
  drawWishShareImage(ctx, fields, scale)
  ctx.save()
  ctx.scale(scale, scale)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  if (code) {
    ctx.drawImage(code, (POSTER_WIDTH - 240) / 2, 420, 240, 240)
    ctx.fillStyle = '#444444'
    ctx.font = `26px ${FONT}`
    ctx.fillText('长按识别小程序码，一起点亮心愿', POSTER_WIDTH / 2, 700)
  } else {
    ctx.fillStyle = '#444444'
    ctx.font = `28px ${FONT}`
    ctx.fillText('微信搜索「连心」小程序', POSTER_WIDTH / 2, 520)
    ctx.fillText('在心愿墙找到这个心愿', POSTER_WIDTH / 2, 570)
  }
  ctx.restore()
}
