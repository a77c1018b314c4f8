import type { ReportView } from './draw'

/**
 * The report as an image to show, save and share. Taro picks render.h5.ts (a detached canvas → a
 * data URL) or render.weapp.ts (an offscreen canvas → a temp file); elsewhere null, and the page
 * keeps the report in words only.
 */
export async function renderReport(_report: ReportView): Promise<string | null> {
  return null
}
