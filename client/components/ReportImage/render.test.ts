import Taro from '@tarojs/taro'
import { REPORT_WIDTH } from './draw'
import { reportFixture } from './fixture'
import { renderReport as renderWeapp } from './render.weapp'

afterEach(() => jest.restoreAllMocks())

/** A 2D context that draws nothing and measures every character 1 em wide. */
function context() {
  let px = 10
  const calls: string[] = []
  const ctx = new Proxy(
    {
      get font() {
        return `${px}px`
      },
      set font(v: string) {
        px = Number(/(\d+)px/.exec(v)?.[1] ?? 10)
      },
      measureText: (t: string) => ({ width: Array.from(t).length * px }),
    } as Record<string, unknown>,
    {
      get: (target, key: string) => (key in target ? target[key] : (...args: unknown[]) => void calls.push(`${key}(${args.join(',')})`)),
      set: (target, key: string, value) => {
        if (key === 'font') (target as { font: string }).font = value
        else target[key] = value
        return true
      },
    },
  )
  return { ctx, calls }
}

test('weapp: measured on a small offscreen canvas, drawn 2× on one the height of the report, exported to a temp file', async () => {
  const canvases: Array<{ width: number; height: number; calls: string[] }> = []
  jest.spyOn(Taro, 'createOffscreenCanvas').mockImplementation(((o: { width: number; height: number }) => {
    const { ctx, calls } = context()
    canvases.push({ width: o.width, height: o.height, calls })
    return { getContext: () => ctx }
  }) as never)
  const exported: unknown[] = []
  ;(Taro as unknown as { canvasToTempFilePath: unknown }).canvasToTempFilePath = async (o: { canvas: unknown }) => {
    exported.push(o.canvas)
    return { tempFilePath: 'wxfile://tmp/report.png', errMsg: 'canvasToTempFilePath:ok' }
  }
  expect(await renderWeapp(reportFixture())).toBe('wxfile://tmp/report.png')
  expect(canvases).toHaveLength(2)
  const [measure, drawn] = canvases
  // Measuring draws nothing; the picture is drawn 2× on a canvas as tall as the report needs.
  expect(measure.calls).toEqual([])
  expect(drawn.width).toBe(REPORT_WIDTH * 2)
  expect(drawn.height).toBeGreaterThan(1000)
  expect(drawn.calls).toContain('scale(2,2)')
  expect(drawn.calls).toContain(`fillRect(0,0,${REPORT_WIDTH},${drawn.height / 2})`)
  expect(exported).toHaveLength(1)
})

test('weapp: a report too tall for a 2× canvas is drawn smaller, never over 4096 px', async () => {
  const many = Array.from({ length: 10 }, (_, i) => ({ rank: i + 1, id: `c${i}`, name: `第${i + 1}社区`, values: { hours: 1 } }))
  const lag = Array.from({ length: 6 }, (_, i) => ({ id: `l${i}`, name: `第${i + 1}社区`, why: '本月未开展活动' }))
  const tall = reportFixture({ title: '一'.repeat(60), communities: many, units: many, lagging: { noActivity: [...lag, ...lag], requirementNotMet: lag, overdueOrders: lag } })
  const sizes: Array<[number, number]> = []
  jest.spyOn(Taro, 'createOffscreenCanvas').mockImplementation(((o: { width: number; height: number }) => {
    sizes.push([o.width, o.height])
    return { getContext: () => context().ctx }
  }) as never)
  ;(Taro as unknown as { canvasToTempFilePath: unknown }).canvasToTempFilePath = async () => ({ tempFilePath: 'wxfile://tmp/r.png' })
  await renderWeapp(tall)
  expect(sizes[1][1]).toBeLessThanOrEqual(4096)
  expect(sizes[1][0]).toBeLessThan(REPORT_WIDTH * 2)
  expect(sizes[1][1]).toBeGreaterThan(4000)
})
