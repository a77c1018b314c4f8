import type { CertificateView } from '@domain/api/activities'
import { CERTIFICATE_HEIGHT, CERTIFICATE_WIDTH, drawCertificate, VERIFY_HINT, VERIFY_HINT_NO_CODE, type Canvas2D, type DrawImage } from './draw'

/** A 2D context that records what is drawn (jsdom has no canvas); widths as a CJK font gives them (Latin and digits half as wide). */
function recordingContext() {
  const texts: string[] = []
  const rects: Array<[number, number, number, number]> = []
  const images: Array<[unknown, number, number, number, number]> = []
  let fontPx = 10
  const ctx: Canvas2D & DrawImage = {
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
    drawImage: (image, x, y, w, h) => images.push([image, x, y, w, h]),
  }
  return { ctx, texts, rects, images }
}

const cert: CertificateView = {
  number: 'LX2026-0000DE30',
  maskedName: '李**',
  totalHours: 320.5,
  yearHours: 42,
  year: 2026,
  stars: 2,
  issuer: '龙门县委组织部',
  issuedAt: '2026-11-20T02:00:00.000Z',
}

test('draws the title, every line with its value, and the verify code with how to use it, inside the picture', () => {
  const { ctx, texts, rects, images } = recordingContext()
  const code = { png: true }
  drawCertificate(ctx, cert, code, 2)
  expect(texts[0]).toBe('服务证明')
  for (const expected of ['证明编号', 'LX2026-0000DE30', '姓名', '李**', '累计服务时长', '320.5 小时', '2026年服务时长', '42 小时', '★★☆☆☆ 2 星', '出具单位', '龙门县委组织部', '出具日期', '2026年11月20日', VERIFY_HINT]) {
    expect(texts).toContain(expected)
  }
  expect(images).toHaveLength(1)
  const [image, x, y, w, h] = images[0]
  expect(image).toBe(code)
  expect(w).toBe(h)
  for (const [rx, ry, rw, rh] of [...rects, [x, y, w, h] as [number, number, number, number]]) {
    expect(rx).toBeGreaterThanOrEqual(0)
    expect(ry).toBeGreaterThanOrEqual(0)
    expect(rx + rw).toBeLessThanOrEqual(CERTIFICATE_WIDTH)
    expect(ry + rh).toBeLessThanOrEqual(CERTIFICATE_HEIGHT)
  }
})

test('without the code it says where to type the number instead', () => {
  const { ctx, texts, images } = recordingContext()
  drawCertificate(ctx, cert, null)
  expect(images).toHaveLength(0)
  expect(texts).toContain(VERIFY_HINT_NO_CODE)
  expect(texts).not.toContain(VERIFY_HINT)
})

test('only the certificate view is drawn: a full name or id riding along on the object never reaches the picture', () => {
  const { ctx, texts } = recordingContext()
  const smuggled = { ...cert, name: '李建国', userId: 'u-li', phone: '13812341234' } as CertificateView
  drawCertificate(ctx, smuggled, null)
  const drawn = texts.join('\n')
  expect(drawn).toContain('李**')
  expect(drawn).not.toContain('李建国')
  expect(drawn).not.toContain('u-li')
  expect(drawn).not.toContain('1381234')
})
