import { wishShareCard, WISH_STATES, type WishRecord } from '@domain/wishes'
import { drawWishShareImage, wrapText, SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type Canvas2D } from './draw'

/** A 2D context that records what is drawn (jsdom has no canvas); widths as a CJK font gives them. */
function recordingContext() {
  const texts: string[] = []
  const rects: Array<[number, number, number, number]> = []
  let fontPx = 10
  const ctx: Canvas2D = {
    fillStyle: '#000',
    get font() {
      return `${fontPx}px`
    },
    set font(v: string) {
      fontPx = Number(/(\d+)px/.exec(v)?.[1] ?? 10)
    },
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect: (x, y, w, h) => rects.push([x, y, w, h]),
    fillText: (t) => texts.push(t),
    measureText: (t) => ({ width: Array.from(t).length * fontPx }),
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
  return { ctx, texts, rects }
}

const NAME = '王秀英'
const PHONE = '13812341234'

function wish(state: WishRecord['state'], title: string): Pick<WishRecord, '_id' | 'title' | 'state' | 'beneficiary'> {
  return {
    _id: 'w123',
    title,
    state,
    beneficiary: { name: NAME, phone: PHONE, category: '孤寡老人', buildingId: 'b1', buildingName: '北门花园1栋', room: '2单元501', userId: 'user-secret' },
  }
}

test.each(WISH_STATES)('state %s: the text drawn carries no full name, phone, building or room, even from a title that slipped through', (state) => {
  const smuggling = `给${NAME}买收音机 电话138 1234 1234 北门花园1栋2单元501`
  const { ctx, texts } = recordingContext()
  drawWishShareImage(ctx, wishShareCard(wish(state, smuggling), { name: '北门社区' }).imageFields, 2)
  const drawn = texts.join('\n')
  expect(drawn).toContain('王**')
  expect(drawn).toContain('北门社区')
  expect(drawn).not.toContain(NAME)
  expect(drawn).not.toContain('user-secret')
  expect(drawn).not.toContain('2单元501')
  expect(drawn).not.toContain('北门花园1栋')
  const digits = drawn.replace(/\D/g, '')
  for (let i = 0; i + 7 <= PHONE.length; i++) expect(digits).not.toContain(PHONE.slice(i, i + 7))
})

test('draws the card: header, title, masked beneficiary, progress and the button, inside 5:4', () => {
  const { ctx, texts, rects } = recordingContext()
  drawWishShareImage(ctx, wishShareCard(wish('published', '想要一台收音机'), { name: '北门社区' }).imageFields)
  expect(texts).toEqual(['微心愿', '北门社区', '想要一台收音机', '王**（孤寡老人）', '待点亮', '点亮这个心愿'])
  expect(SHARE_IMAGE_WIDTH / SHARE_IMAGE_HEIGHT).toBe(5 / 4)
  for (const [x, y, w, h] of rects) {
    expect(x + w).toBeLessThanOrEqual(SHARE_IMAGE_WIDTH)
    expect(y + h).toBeLessThanOrEqual(SHARE_IMAGE_HEIGHT)
  }
  const lit = recordingContext()
  drawWishShareImage(lit.ctx, wishShareCard(wish('lit', '想要一台收音机'), { name: '北门社区' }).imageFields)
  expect(lit.texts).toContain('已点亮')
  expect(lit.texts).toContain('查看这个心愿')
})

test('long titles wrap into two lines that fit, the second cut with …', () => {
  const { ctx } = recordingContext()
  ctx.font = '38px x'
  const lines = wrapText(ctx, '希望有人帮忙修一修家里漏水的水龙头和坏了很久的电灯开关还有窗户', 452, 2)
  expect(lines).toHaveLength(2)
  expect(lines[1].endsWith('…')).toBe(true)
  for (const l of lines) expect(ctx.measureText(l).width).toBeLessThanOrEqual(452)
  expect(wrapText(ctx, '短', 452, 2)).toEqual(['短'])
})
