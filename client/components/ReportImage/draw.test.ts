import type { Canvas2D } from './draw'
import { drawReport, LAG_ROWS, LAG_TITLES, RANK_ROWS, REPORT_WIDTH, reportHeight } from './draw'
import { reportFixture } from './fixture'

/** A 2D context that records what is drawn (jsdom has no canvas); widths as a CJK font gives them (Latin and digits about half). */
function recordingContext() {
  const texts: Array<{ text: string; x: number; y: number; align: string; font: string }> = []
  const rects: Array<[number, number, number, number]> = []
  let fontPx = 10
  let font = '10px'
  const ctx: Canvas2D = {
    fillStyle: '#000',
    get font() {
      return font
    },
    set font(v: string) {
      font = v
      fontPx = Number(/(\d+)px/.exec(v)?.[1] ?? 10)
    },
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect: (x, y, w, h) => rects.push([x, y, w, h]),
    fillText: (text, x, y) => texts.push({ text, x, y, align: ctx.textAlign, font }),
    measureText: (t) => ({ width: Array.from(t).reduce((w, c) => w + (c.charCodeAt(0) < 128 ? 0.6 : 1), 0) * fontPx }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    arcTo: () => undefined,
    closePath: () => undefined,
    fill: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    scale: () => undefined,
  }
  return { ctx, texts, rects, strings: () => texts.map((t) => t.text) }
}

test('draws the title, the totals, both rankings with their figures and the lagging lists with why, all inside the picture', () => {
  const report = reportFixture()
  const measure = recordingContext()
  const height = reportHeight(measure.ctx, report)
  // Measuring draws nothing.
  expect(measure.texts).toEqual([])
  expect(measure.rects).toEqual([])

  const { ctx, texts, rects, strings } = recordingContext()
  const used = drawReport(ctx, report, 2, height)
  expect(used).toBe(height)
  const drawn = strings()
  // The title fits in two lines at most of the 40px type.
  expect(drawn.slice(0, 2).join('')).toBe('龙门县2026年11月党员双报到工作进度通报')
  expect(drawn).toContain('龙门县 · 2026年11月 · 连心')
  for (const expected of ['本月总览', '42 人', '报到党员', '128.5 小时', '服务时长', '—', '点单平均评价']) expect(drawn).toContain(expected)
  for (const expected of ['社区排名（按服务时长）', '北门社区', '60.5', '城南社区', '太平门社区', '单位排名（按服务时长）', '县水利局', '县委宣传部']) expect(drawn).toContain(expected)
  for (const expected of [`${LAG_TITLES.noActivity}（2）`, '太平门社区：本月未开展活动', '县委宣传部：本月未开展共建活动', `${LAG_TITLES.requirementNotMet}（1）`, '县水利局：12人未达年度要求', `${LAG_TITLES.overdueOrders}（0）`, '无']) {
    expect(drawn).toContain(expected)
  }
  // The ranking reads in order, each place after its rank: 1 北门社区, 2 城南社区, 3 太平门社区.
  const ranking = drawn.slice(drawn.indexOf('社区排名（按服务时长）'), drawn.indexOf('单位排名（按服务时长）'))
  let at = -1
  for (const t of ['1', '北门社区', '2', '城南社区', '3', '太平门社区']) {
    const next = ranking.indexOf(t, at + 1)
    expect(`${t} at ${next}`).not.toBe(`${t} at -1`)
    at = next
  }
  // Nothing outside the frame: every rectangle and every left-aligned text start inside it.
  expect(rects[0]).toEqual([0, 0, REPORT_WIDTH, height])
  for (const [x, y, w, h] of rects) {
    expect(x).toBeGreaterThanOrEqual(0)
    expect(y).toBeGreaterThanOrEqual(0)
    expect(x + w).toBeLessThanOrEqual(REPORT_WIDTH)
    expect(y + h).toBeLessThanOrEqual(height)
  }
  for (const t of texts) {
    expect(t.y).toBeGreaterThan(0)
    expect(t.y).toBeLessThan(height)
    const width = ctx.measureText(t.text).width
    ctx.font = t.font
    const left = t.align === 'center' ? t.x - width / 2 : t.align === 'right' ? t.x - width : t.x
    expect(left).toBeGreaterThanOrEqual(0)
    expect(left + width).toBeLessThanOrEqual(REPORT_WIDTH)
  }
})

test('long lists are cut: the first rows of each ranking and lagging list, then how many there are', () => {
  const many = Array.from({ length: 25 }, (_, i) => ({ rank: i + 1, id: `c${i}`, name: `第${i + 1}社区`, values: { hours: 25 - i, activitiesHeld: 1 } }))
  const lag = Array.from({ length: 9 }, (_, i) => ({ id: `l${i}`, name: `第${i + 1}社区`, why: '本月未开展活动' }))
  const report = reportFixture({ communities: many, units: [], lagging: { noActivity: lag, requirementNotMet: [], overdueOrders: [] } })
  const { ctx, strings } = recordingContext()
  const height = reportHeight(recordingContext().ctx, report)
  drawReport(ctx, report, 1, height)
  const drawn = strings()
  expect(drawn).toContain(`第${RANK_ROWS}社区`)
  expect(drawn).not.toContain(`第${RANK_ROWS + 1}社区`)
  expect(drawn).toContain('…共25个，其余见小程序')
  // No units: no unit ranking.
  expect(drawn).not.toContain('单位排名（按服务时长）')
  expect(drawn.filter((t) => t.endsWith('：本月未开展活动'))).toHaveLength(LAG_ROWS)
  expect(drawn).toContain('…等9个')
  // The picture grows with what it holds, and stays within what a phone canvas takes at 2×.
  expect(height).toBeGreaterThan(reportHeight(recordingContext().ctx, reportFixture()))
  expect(height * 2).toBeLessThanOrEqual(4096)
})

test('a long name is shortened with … to fit its column, never drawn over the figures', () => {
  const report = reportFixture({ communities: [{ rank: 1, id: 'x', name: '龙门县龙城街道北门花园第一社区居民委员会', values: { hours: 1, activitiesHeld: 1 } }] })
  const { ctx, strings } = recordingContext()
  drawReport(ctx, report, 1, reportHeight(recordingContext().ctx, report))
  const name = strings().find((t) => t.startsWith('龙门县龙城'))!
  expect(name.endsWith('…')).toBe(true)
  expect(name.length).toBeLessThan(12)
})
