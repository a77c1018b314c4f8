import { drawReport, REPORT_WIDTH, reportHeight, type Canvas2D, type ReportView } from './draw'

/** Browser: a canvas never attached to the page, 2× for a sharp picture; measured first, then sized and drawn. */
export async function renderReport(report: ReportView): Promise<string | null> {
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  const height = reportHeight(ctx as unknown as Canvas2D, report)
  const scale = 2
  canvas.width = REPORT_WIDTH * scale
  canvas.height = height * scale
  // Resizing a canvas resets its context: drawReport sets every style it uses.
  drawReport(ctx as unknown as Canvas2D, report, scale, height)
  return canvas.toDataURL('image/png')
}
