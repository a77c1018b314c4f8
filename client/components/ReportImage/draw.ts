import type { MonthlyReport, RankRow, LagRow } from '@domain/stats/report'
import type { Canvas2D } from '@/components/WishShareImage/draw'
import { wrapText } from '@/components/WishShareImage/draw'

export type { Canvas2D }

/** The report as the stats function answers it. */
export type ReportView = MonthlyReport & { id: string; scopeName: string }

/** Logical width (portrait, for a phone screen and a group chat); the height follows the content. */
export const REPORT_WIDTH = 640
/** At most this many rows of a ranking, and of a lagging list, reach the picture (the page shows all). */
export const RANK_ROWS = 10
export const LAG_ROWS = 6

const RED = '#C8161D'
const PAPER = '#FFFDF7'
const TEXT = '#1A1A1A'
const GREY = '#444444'
const RULE = '#E0D8CC'
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
const PAD = 40
const TOTAL_COLUMNS = 3
const TOTAL_HEIGHT = 104
const ROW = 46

/** The ranking columns in the picture: name, then these (hours first: what the ranking is by). */
const RANK_COLUMNS: Array<{ key: keyof RankRow['values']; label: string }> = [
  { key: 'hours', label: '时长' },
  { key: 'activitiesHeld', label: '活动' },
  { key: 'wishesDone', label: '心愿' },
  { key: 'ordersDone', label: '点单' },
]

export const LAG_TITLES = {
  noActivity: '本月未开展活动',
  requirementNotMet: '党员未达年度要求',
  overdueOrders: '点单超时未办',
} as const

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v))

/**
 * Draws the 进度通报 at (0,0), REPORT_WIDTH wide, from the report alone: a red frame, the title,
 * the month's totals, the communities' and units' rankings (the first RANK_ROWS), and who is
 * lagging with why (the first LAG_ROWS of each list, then how many more). `height` is the
 * picture's height (reportHeight): the frame is drawn to it. Answers the height the content used.
 * Pure drawing commands on the context, so the same function serves h5 and WeChat, and a test.
 */
export function drawReport(ctx: Canvas2D, report: ReportView, scale = 1, height = 0): number {
  const W = REPORT_WIDTH
  ctx.save()
  ctx.scale(scale, scale)
  ctx.textBaseline = 'middle'
  if (height > 0) {
    ctx.fillStyle = RED
    ctx.fillRect(0, 0, W, height)
    ctx.fillStyle = PAPER
    ctx.fillRect(12, 12, W - 24, height - 24)
  }

  let y = 56
  // The title, up to three lines, centred.
  ctx.textAlign = 'center'
  ctx.fillStyle = RED
  ctx.font = `bold 40px ${FONT}`
  for (const line of wrapText(ctx, report.title, W - PAD * 2, 3)) {
    y += 28
    ctx.fillText(line, W / 2, y)
    y += 26
  }
  y += 10
  ctx.fillRect(W / 2 - 100, y, 200, 4)
  y += 36
  ctx.fillStyle = GREY
  ctx.font = `24px ${FONT}`
  ctx.fillText(wrapText(ctx, `${report.scopeName} · ${report.monthLabel} · 连心`, W - PAD * 2, 1)[0] ?? '', W / 2, y)
  y += 40

  const section = (title: string) => {
    y += 16
    ctx.textAlign = 'left'
    ctx.fillStyle = RED
    ctx.fillRect(PAD, y, 8, 36)
    ctx.fillStyle = TEXT
    ctx.font = `bold 30px ${FONT}`
    ctx.fillText(title, PAD + 20, y + 18)
    y += 52
  }

  // The month's totals, three to a row.
  section('本月总览')
  const cell = (W - PAD * 2) / TOTAL_COLUMNS
  report.totals.forEach((t, i) => {
    const col = i % TOTAL_COLUMNS
    const top = y + Math.floor(i / TOTAL_COLUMNS) * TOTAL_HEIGHT
    const cx = PAD + col * cell + cell / 2
    ctx.textAlign = 'center'
    ctx.fillStyle = RED
    ctx.font = `bold 36px ${FONT}`
    const value = t.value === null ? '—' : `${t.value}`
    ctx.fillText(t.value === null ? value : `${value} ${t.unit}`, cx, top + 32)
    ctx.fillStyle = GREY
    ctx.font = `22px ${FONT}`
    ctx.fillText(wrapText(ctx, t.label, cell - 12, 1)[0] ?? '', cx, top + 72)
  })
  y += Math.ceil(report.totals.length / TOTAL_COLUMNS) * TOTAL_HEIGHT

  const ranking = (title: string, who: string, rows: readonly RankRow[]) => {
    section(`${title}（按服务时长）`)
    const nameX = PAD + 56
    const colW = 78
    const colX = (i: number) => W - PAD - (RANK_COLUMNS.length - 1 - i) * colW
    ctx.font = `bold 24px ${FONT}`
    ctx.fillStyle = GREY
    ctx.textAlign = 'left'
    ctx.fillText('名次', PAD, y + ROW / 2)
    ctx.fillText(who, nameX + 12, y + ROW / 2)
    ctx.textAlign = 'right'
    RANK_COLUMNS.forEach((c, i) => ctx.fillText(c.label, colX(i), y + ROW / 2))
    y += ROW
    if (rows.length === 0) {
      ctx.textAlign = 'left'
      ctx.font = `24px ${FONT}`
      ctx.fillText('无', nameX + 12, y + ROW / 2)
      y += ROW
    }
    for (const row of rows.slice(0, RANK_ROWS)) {
      ctx.fillStyle = RULE
      ctx.fillRect(PAD, y, W - PAD * 2, 2)
      const mid = y + ROW / 2 + 1
      ctx.textAlign = 'left'
      ctx.fillStyle = row.rank <= 3 ? RED : TEXT
      ctx.font = `bold 26px ${FONT}`
      ctx.fillText(String(row.rank), PAD + 8, mid)
      ctx.fillStyle = TEXT
      ctx.font = `26px ${FONT}`
      // The name ends where the first figure's column starts.
      ctx.fillText(wrapText(ctx, row.name, colX(0) - colW - (nameX + 12), 1)[0] ?? '', nameX + 12, mid)
      ctx.textAlign = 'right'
      RANK_COLUMNS.forEach((c, i) => ctx.fillText(num(row.values[c.key]), colX(i), mid))
      y += ROW
    }
    if (rows.length > RANK_ROWS) {
      ctx.textAlign = 'left'
      ctx.fillStyle = GREY
      ctx.font = `22px ${FONT}`
      ctx.fillText(`…共${rows.length}个，其余见小程序`, nameX + 12, y + ROW / 2)
      y += ROW
    }
  }
  ranking('社区排名', '社区', report.communities)
  if (report.units.length > 0) ranking('单位排名', '单位', report.units)

  section('需要关注')
  const lagging = (title: string, rows: readonly LagRow[]) => {
    ctx.textAlign = 'left'
    ctx.fillStyle = TEXT
    ctx.font = `bold 26px ${FONT}`
    ctx.fillText(`${title}（${rows.length}）`, PAD + 20, y + 20)
    y += 44
    ctx.font = `24px ${FONT}`
    ctx.fillStyle = GREY
    if (rows.length === 0) {
      ctx.fillText('无', PAD + 44, y + 16)
      y += 38
    }
    for (const row of rows.slice(0, LAG_ROWS)) {
      ctx.fillText(wrapText(ctx, `${row.name}：${row.why}`, W - PAD * 2 - 44, 1)[0] ?? '', PAD + 44, y + 16)
      y += 38
    }
    if (rows.length > LAG_ROWS) {
      ctx.fillText(`…等${rows.length}个`, PAD + 44, y + 16)
      y += 38
    }
    y += 8
  }
  lagging(LAG_TITLES.noActivity, report.lagging.noActivity)
  lagging(LAG_TITLES.requirementNotMet, report.lagging.requirementNotMet)
  lagging(LAG_TITLES.overdueOrders, report.lagging.overdueOrders)

  y += 12
  ctx.textAlign = 'center'
  ctx.fillStyle = GREY
  ctx.font = `22px ${FONT}`
  ctx.fillText('数据来自「连心」小程序统计', W / 2, y)
  y += 44
  ctx.restore()
  return y
}

/** The height the report needs: drawReport on a context that only measures (widths come from `measure`, a real one). */
export function reportHeight(measure: Pick<Canvas2D, 'measureText' | 'font'>, report: ReportView): number {
  const noop = () => undefined
  const sizing: Canvas2D = {
    fillStyle: '#000',
    get font() {
      return measure.font
    },
    set font(v: string) {
      measure.font = v
    },
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect: noop,
    fillText: noop,
    measureText: (t) => measure.measureText(t),
    beginPath: noop,
    moveTo: noop,
    lineTo: noop,
    arcTo: noop,
    closePath: noop,
    fill: noop,
    save: noop,
    restore: noop,
    scale: noop,
  }
  return Math.ceil(drawReport(sizing, report, 1, 0))
}
