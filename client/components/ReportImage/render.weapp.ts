import Taro from '@tarojs/taro'
import { drawReport, REPORT_WIDTH, reportHeight, type Canvas2D, type ReportView } from './draw'

type Offscreen = { getContext: (kind: '2d') => unknown }

/** A canvas side WeChat draws on every device (some refuse larger ones). */
const MAX_SIDE = 4096

const offscreen = (width: number, height: number) => Taro.createOffscreenCanvas({ type: '2d', width, height }) as unknown as Offscreen

/**
 * WeChat: measured on a small offscreen 2d canvas, then drawn on one sized to the report (no node
 * in the page) and exported to a temp file, which <Image> shows and previewImage opens (its
 * long-press menu saves it to the album or sends it to a chat).
 */
export async function renderReport(report: ReportView): Promise<string | null> {
  const measure = offscreen(REPORT_WIDTH, 100).getContext('2d') as Canvas2D | null
  if (!measure) return null
  const height = reportHeight(measure, report)
  const scale = Math.min(2, MAX_SIDE / height)
  const canvas = offscreen(Math.floor(REPORT_WIDTH * scale), Math.floor(height * scale))
  const ctx = canvas.getContext('2d') as Canvas2D | null
  if (!ctx) return null
  drawReport(ctx, report, scale, height)
  const res = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  return res.tempFilePath
}
