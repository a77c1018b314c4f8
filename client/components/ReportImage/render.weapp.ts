import Taro from '@tarojs/taro'
import { drawReport, REPORT_WIDTH, reportHeight, type Canvas2D, type ReportView } from './draw'

type Offscreen = { width: number; height: number; getContext: (kind: '2d') => unknown }

/** A canvas side WeChat draws on every device (some refuse larger ones). */
const MAX_SIDE = 4096

/**
 * WeChat: an offscreen 2d canvas (no node in the page): measured, sized to the report, drawn and
 * exported to a temp file, which <Image> shows and previewImage opens (its long-press menu saves
 * it to the album or sends it to a chat).
 */
export async function renderReport(report: ReportView): Promise<string | null> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: REPORT_WIDTH, height: 100 }) as unknown as Offscreen
  const measure = canvas.getContext('2d') as Canvas2D | null
  if (!measure) return null
  const height = reportHeight(measure, report)
  const scale = Math.min(2, MAX_SIDE / height)
  canvas.width = Math.floor(REPORT_WIDTH * scale)
  canvas.height = Math.floor(height * scale)
  const ctx = canvas.getContext('2d') as Canvas2D | null
  if (!ctx) return null
  drawReport(ctx, report, scale, height)
  const res = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  return res.tempFilePath
}
